package ink.ml.deploy.local;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The six services the platform runs, each from its packaged {@code
 * services/<module>/target/quarkus-app/quarkus-run.jar}, with the fixed port the README gives it.
 */
public enum PlatformService {
    GRAPHQL("graphql", 8081),
    MCP("mcp", 8082),
    WORKER("worker", 8083),
    /** Answers only webhooks and {@code /healthz}; health and metrics are on port 9084. */
    DEPLOYER_SERVER("deployer-server", 8084),
    DEPLOYER_WORKER("deployer-worker", 8085),
    GIT_SERVER("git-server", 8086);

    /** deployer-server's management port (health, metrics). */
    public static final int DEPLOYER_SERVER_MANAGEMENT_PORT = 9084;

    private final String module;
    private final int defaultPort;

    PlatformService(String module, int defaultPort) {
        this.module = module;
        this.defaultPort = defaultPort;
    }

    /** The directory under {@code services/}, e.g. {@code deployer-worker}. */
    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /**
     * @throws IllegalArgumentException naming the known modules when {@code module} is none of them
     */
    public static PlatformService byModule(String module) {
        return Arrays.stream(values())
                .filter(service -> service.module.equals(module))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "module: \""
                                                + module
                                                + "\" is not a service of the platform; one of "
                                                + Arrays.stream(values())
                                                        .map(PlatformService::module)
                                                        .collect(Collectors.joining(", "))));
    }
}
