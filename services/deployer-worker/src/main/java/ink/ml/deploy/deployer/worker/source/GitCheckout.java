package ink.ml.deploy.deployer.worker.source;

import ink.ml.deploy.domain.GitSha;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The working tree of one commit in a temporary directory, without its {@code .git} (as BuildKit's
 * own git contexts: the build context is the code, not its history). Closing deletes it: customer
 * code never outlives the build on the worker's disk.
 */
public final class GitCheckout implements AutoCloseable {
    private final Path root;
    private final GitSha commit;

    GitCheckout(Path root, GitSha commit) {
        this.root = root;
        this.commit = commit;
    }

    public Path root() {
        return root;
    }

    public GitSha commit() {
        return commit;
    }

    @Override
    public void close() {
        deleteRecursively(root);
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(
                    dir,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                                throws IOException {
                            Files.deleteIfExists(file);
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e)
                                throws IOException {
                            if (e instanceof NoSuchFileException) {
                                return FileVisitResult.CONTINUE;
                            }
                            throw e;
                        }

                        @Override
                        public FileVisitResult postVisitDirectory(Path directory, IOException e)
                                throws IOException {
                            Files.deleteIfExists(directory);
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the checkout " + dir, e);
        }
    }
}
