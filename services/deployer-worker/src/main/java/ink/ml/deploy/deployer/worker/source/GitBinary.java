package ink.ml.deploy.deployer.worker.source;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** Finds the git CLI the way a shell would: an absolute path as given, a name on {@code PATH}. */
public final class GitBinary {
    private GitBinary() {}

    /**
     * @param configured {@code mcpdeploy.source.git-binary}, e.g. {@code git} or {@code
     *     /usr/bin/git}
     * @param path the {@code PATH} to search a plain name in; may be null
     */
    public static Optional<Path> find(String configured, String path) {
        if (configured == null || configured.isBlank()) {
            return Optional.empty();
        }
        if (configured.contains("/")) {
            return executable(Path.of(configured));
        }
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, configured))
                .flatMap(candidate -> executable(candidate).stream())
                .findFirst();
    }

    private static Optional<Path> executable(Path candidate) {
        return Files.isRegularFile(candidate) && Files.isExecutable(candidate)
                ? Optional.of(candidate)
                : Optional.empty();
    }
}
