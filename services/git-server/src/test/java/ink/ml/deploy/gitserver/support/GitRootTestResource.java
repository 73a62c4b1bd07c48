package ink.ml.deploy.gitserver.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** A fresh, empty {@code mcpdeploy.git-server.root} for a test run, deleted afterwards. */
public class GitRootTestResource implements QuarkusTestResourceLifecycleManager {
    private Path root;

    @Override
    public Map<String, String> start() {
        try {
            root = Files.createTempDirectory("git-server-root");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("mcpdeploy.git-server.root", root.toString());
    }

    @Override
    public void stop() {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
