package ink.ml.deploy.local;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The six services the platform runs, each from its packaged {@code
 * services/<module>/target/quarkus-app/quarkus-run.jar}, with the fixed port the README gives it,
 * and the management port (health, metrics) of those whose public port serves nothing else.
 */
public enum PlatformService {
    GRAPHQL("graphql", 8081, 0),
    MCP("mcp", 8082, 0),
    WORKER("worker", 8083, 0),
    /** Answers only webhooks and {@code /healthz}; health and metrics are on port 9084. */
    DEPLOYER_SERVER("deployer-server", 8084, 9084),
    DEPLOYER_WORKER("deployer-worker", 8085, 0),
    /** Answers only git; health and metrics are on port 9086. */
    GIT_SERVER("git-server", 8086, 9086);

    private final String module;
    private final int defaultPort;
    private final int defaultManagementPort;

    PlatformService(String module, int defaultPort, int defaultManagementPort) {
        this.module = module;
        this.defaultPort = defaultPort;
        this.defaultManagementPort = defaultManagementPort;
    }

    /** Whether health and metrics are on a port of their own. */
    public boolean hasManagementPort() {
        return defaultManagementPort != 0;
    }

    /** The README's management port; only for services that {@link #hasManagementPort()}. */
    public int defaultManagementPort() {
        if (!hasManagementPort()) {
            throw new IllegalStateException(module + " serves health on its own port");
        }
        return defaultManagementPort;
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
