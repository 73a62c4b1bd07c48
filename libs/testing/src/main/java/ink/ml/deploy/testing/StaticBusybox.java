package ink.ml.deploy.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Debian's {@code busybox-static}: the one program in the tests' {@code FROM scratch} images, since
 * no base image can be pulled here. It also serves HTTP ({@code busybox httpd}).
 */
public final class StaticBusybox {
    public static final Path PATH = Path.of("/bin/busybox");

    private StaticBusybox() {}

    /** Why there is no static busybox here, or empty when there is. */
    public static Optional<String> unavailableReason() {
        return Files.isRegularFile(PATH)
                ? Optional.empty()
                : Optional.of(
                        "Debian's busybox-static is not installed ("
                                + PATH
                                + "): a FROM scratch image has no program to run;"
                                + " ./run-tests installs it");
    }
}
