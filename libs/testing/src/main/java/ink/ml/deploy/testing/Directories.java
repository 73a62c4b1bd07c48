package ink.ml.deploy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Directory trees the tests, the fakes and the local platform make and remove. */
public final class Directories {
    private Directories() {}

    /**
     * Deletes {@code directory} and everything below it; nothing when it does not exist.
     *
     * @throws UncheckedIOException naming the path that could not be deleted
     */
    public static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        for (Path path : deepestFirst(directory)) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + path, e);
            }
        }
    }

    /** {@link #delete}, best effort: a temporary directory left behind is not a failure. */
    public static void deleteQuietly(Path directory) {
        try {
            delete(directory);
        } catch (UncheckedIOException e) {
            // Best effort, as documented.
        }
    }

    /** An empty {@code directory}: what was there is deleted first. */
    public static Path recreate(Path directory) {
        delete(directory);
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + directory, e);
        }
    }

    private static List<Path> deepestFirst(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.sorted(Comparator.reverseOrder()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }
}
