package ink.ml.deploy.buildplan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The build context as detection sees it: files by their path relative to the context root. A path
 * whose real location lies outside the context (a symbolic link pointing out, or {@code ..}) reads
 * as absent, so a repository cannot make detection read the worker's files.
 */
final class Checkout {
    /** Manifests are small; a larger file is refused rather than read into memory. */
    static final int MAX_READ_BYTES = 1024 * 1024;

    private final Path root;
    private final Path realRoot;

    Checkout(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            this.realRoot = this.root.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("build context " + root + " cannot be read", e);
        }
    }

    boolean isFile(String relative) {
        return inside(relative).filter(Files::isRegularFile).isPresent();
    }

    boolean isDirectory(String relative) {
        return inside(relative).filter(Files::isDirectory).isPresent();
    }

    /** The file's text (UTF-8), or empty when it is absent or outside the context. */
    Optional<String> read(String relative) {
        Optional<Path> file = inside(relative).filter(Files::isRegularFile);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file.get())) {
            byte[] bytes = in.readNBytes(MAX_READ_BYTES + 1);
            if (bytes.length > MAX_READ_BYTES) {
                throw new NothingDetectedException(
                        relative
                                + " is larger than "
                                + MAX_READ_BYTES / 1024
                                + " KiB: too large to be a manifest; use a Dockerfile");
            }
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + relative, e);
        }
    }

    /** The names of a directory's entries, sorted; empty when it is not a directory. */
    List<String> list(String relative) {
        Optional<Path> directory = inside(relative).filter(Files::isDirectory);
        if (directory.isEmpty()) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory.get())) {
            List<String> names = new ArrayList<>();
            entries.forEach(entry -> names.add(entry.getFileName().toString()));
            names.sort(null);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + relative, e);
        }
    }

    /** The directories directly under {@code relative} (sorted), without hidden ones. */
    List<String> subdirectories(String relative) {
        String prefix = relative.isEmpty() || relative.equals(".") ? "" : relative + "/";
        return list(relative).stream()
                .filter(name -> !name.startsWith("."))
                .filter(name -> isDirectory(prefix + name))
                .toList();
    }

    /**
     * A directory below this one as a checkout of its own, for suggesting a root directory; its
     * paths still may not lead out of this checkout.
     */
    Checkout below(String relative) {
        return new Checkout(root.resolve(relative).normalize(), realRoot);
    }

    private Checkout(Path root, Path outermostRealRoot) {
        this.root = root;
        this.realRoot = outermostRealRoot;
    }

    private Optional<Path> inside(String relative) {
        Path candidate;
        try {
            candidate = root.resolve(relative).normalize();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        if (!candidate.startsWith(root) || !Files.exists(candidate)) {
            return Optional.empty();
        }
        try {
            Path real = candidate.toRealPath();
            return real.startsWith(realRoot) ? Optional.of(real) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
