package ink.ml.deploy.deployer.worker.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A generated Dockerfile on disk for the one build that uses it, in a directory of its own outside
 * the checkout (the repository's files stay as they were pushed, and a file of the same name in it
 * is neither read nor overwritten), deleted on close.
 */
final class GeneratedDockerfile implements AutoCloseable {
    static final String FILE_NAME = "Dockerfile";

    private final Path directory;

    private GeneratedDockerfile(Path directory) {
        this.directory = directory;
    }

    /** Writes {@code text} into a new temporary directory. */
    static GeneratedDockerfile write(String text) {
        Path directory;
        try {
            directory =
                    Files.createTempDirectory(
                            "generated-dockerfile-",
                            PosixFilePermissions.asFileAttribute(
                                    PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the Dockerfile", e);
        }
        GeneratedDockerfile generated = new GeneratedDockerfile(directory);
        try {
            Files.writeString(generated.path(), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            generated.close();
            throw new UncheckedIOException("cannot write the generated Dockerfile", e);
        }
        return generated;
    }

    Path path() {
        return directory.resolve(FILE_NAME);
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(GeneratedDockerfile::deleteQuietly);
        } catch (IOException e) {
            // Already gone.
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // A leftover Dockerfile in the temporary directory holds nothing secret.
        }
    }
}
