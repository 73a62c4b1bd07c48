package ink.ml.deploy.checks;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where {@code deploy/} is, from this module's directory ({@code deploy/checks}). */
final class DeployTree {
    private DeployTree() {}

    /** The repository's {@code deploy/} directory. */
    static Path root() {
        Path deploy = Path.of("..").toAbsolutePath().normalize();
        if (!Files.isDirectory(deploy.resolve("eu-central-1"))) {
            throw new IllegalStateException(deploy + " is not the repository's deploy/ directory");
        }
        return deploy;
    }
}
