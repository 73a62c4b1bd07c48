package ink.ml.deploy.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The repository around deploy/: its services and where each keeps its images and Railway config.
 */
final class RepositoryTree {
    /** The product-plane services that Railway runs (DESIGN §1); the rest run in the cluster. */
    static final List<String> RAILWAY_SERVICES = List.of("graphql", "mcp", "worker");

    private RepositoryTree() {}

    static Path root() {
        return DeployTree.root().getParent();
    }

    /** Every module under services/ (a directory with a pom.xml), by directory name, sorted. */
    static List<String> services() {
        try (Stream<Path> dirs = Files.list(root().resolve("services"))) {
            return dirs.filter(dir -> Files.isRegularFile(dir.resolve("pom.xml")))
                    .map(dir -> dir.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path service(String name) {
        return root().resolve("services").resolve(name);
    }

    /** Where Quarkus' convention keeps a module's Dockerfiles. */
    static Path dockerfile(String service, String variant) {
        return service(service).resolve("src/main/docker/Dockerfile." + variant);
    }

    static Path railwayConfig(String service) {
        return service(service).resolve("railway.json");
    }

    static Path railwayReadme() {
        return DeployTree.root().resolve("railway/README.md");
    }
}
