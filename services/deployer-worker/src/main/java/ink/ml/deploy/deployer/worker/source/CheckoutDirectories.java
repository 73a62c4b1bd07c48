package ink.ml.deploy.deployer.worker.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fresh, private directory per checkout, under the configured work directory. */
final class CheckoutDirectories {
    private CheckoutDirectories() {}

    static Path create(Path workDir) {
        try {
            Files.createDirectories(workDir);
            return Files.createTempDirectory(workDir, "checkout-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a checkout directory in " + workDir, e);
        }
    }
}
