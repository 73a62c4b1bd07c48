package ink.ml.deploy.local;

import ink.ml.deploy.testing.DockerEngineProcess;
import ink.ml.deploy.testing.HaproxyProcess;
import ink.ml.deploy.testing.RegistryTokenKeys;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where everything the services talk to is, for one run, and the one place that turns it into each
 * service's settings: database, Temporal, registry, builder, Kubernetes, git-server, identity
 * provider, and the shared keys (environment only). Pure: nothing is started here.
 *
 * @param jdbcUrl the embedded PostgreSQL's database {@code mcpdeploy} (graphql, mcp and worker each
 *     run libs/platform's Flyway migrations at start; Flyway's lock makes that safe)
 * @param registryHost {@code HOST:PORT} of the local registry, when it runs (on the build network's
 *     host address when builds are isolated, else loopback)
 * @param buildEngine the private Docker engine that builds, when it runs
 * @param registryTokenKeys the key the deployer-worker signs registry tokens with, and the
 *     certificate the registry trusts, when the registry uses token auth
 * @param execution where the apps run: how the deployer reaches that target, and the apps' public
 *     URLs every service shows
 * @param prometheusUrl the run's Prometheus, which graphql and mcp read the apps' figures from,
 *     when it runs
 * @param metricsScrapeInterval how often it scrapes, which the rates' windows follow
 * @param runDirectory the run's temporary directory, deleted when the platform stops: the
 *     git-server's repositories, the deployer's checkouts and every service's {@code
 *     java.io.tmpdir} live under it, so nothing is left behind in {@code /tmp}
 */
public record PlatformWiring(
        PortPlan ports,
        String jdbcUrl,
        String temporalTarget,
        Optional<String> registryHost,
        Optional<BuildEngine> buildEngine,
        Optional<RegistryTokenKeys> registryTokenKeys,
        ExecutionWiring execution,
        Path runDirectory,
        URI jwksUrl,
        String firebaseProjectId,
        Optional<URI> prometheusUrl,
        Duration metricsScrapeInterval,
        PlatformSecrets secrets) {
    /** The embedded server trusts local connections; the password only satisfies the driver. */
    static final String DATABASE_USER = "postgres";

    static final String DATABASE_PASSWORD_ENV = "MCPDEPLOY_DATABASE_PASSWORD";
    static final String REGISTRY_SIGNING_KEY_ENV = "MCPDEPLOY_REGISTRY_AUTH_SIGNING_KEY";
    static final String REGISTRY_CERTIFICATE_ENV = "MCPDEPLOY_REGISTRY_AUTH_CERTIFICATE";
    static final String REGION = "eu-central-1";

    /**
     * The registry's {@code auth.token.issuer} and {@code service}: the deployer-worker's defaults.
     */
    static final String REGISTRY_ISSUER = "mcpdeploy";

    static final String REGISTRY_SERVICE = "mcpdeploy-registry";

    /** The settings of this run's one cluster: {@code mcpdeploy.clusters.regions.<region>.*}. */
    static final String CLUSTER = "mcpdeploy.clusters.regions." + REGION + ".";

    /**
     * Where graphql and mcp read the region's logs and metrics: {@code
     * mcpdeploy.observability.regions.<region>.*}.
     */
    static final String OBSERVABILITY = "mcpdeploy.observability.regions." + REGION + ".";

    /**
     * The Docker engine that builds.
     *
     * @param dockerHost {@code unix://…} of the engine
     * @param inBuildNetwork whether it runs in a build network (libs/testing {@code BuildNetwork}):
     *     only then do RUN steps get a network, the engine's own, behind that network's egress
     *     filter; an engine in this machine's own network would hand them its loopback
     */
    public record BuildEngine(String dockerHost, boolean inBuildNetwork) {}

    /**
     * Where apps run: the deployer-worker's extra properties and environment, and the cluster's
     * settings (libs/cluster's keys under {@link #CLUSTER}, e.g. {@code execution-target}) that
     * make every service show the URL that really answers, and where the apps' logs are read
     * (libs/observability's keys under {@link #OBSERVABILITY}; an empty value means none).
     */
    public record ExecutionWiring(
            Map<String, String> properties,
            Map<String, String> environment,
            Map<String, String> clusterSettings,
            Map<String, String> logSettings) {
        /** No Loki runs here: logs of apps on Kubernetes answer UNAVAILABLE, saying so. */
        private static final Map<String, String> NO_LOKI = Map.of("loki-url", "");

        public ExecutionWiring {
            properties = Map.copyOf(properties);
            environment = Map.copyOf(environment);
            clusterSettings = Map.copyOf(clusterSettings);
            logSettings = Map.copyOf(logSettings);
        }

        /**
         * The fabric8 mock API server: it cannot do server-side apply (it answers 415 to the apply
         * patch), so the deployer creates or updates.
         */
        public static ExecutionWiring inMemoryKubernetes(String apiServerUrl) {
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("quarkus.kubernetes-client.api-server-url", apiServerUrl);
            properties.put("quarkus.kubernetes-client.trust-certs", "true");
            properties.put("mcpdeploy.workload.apply-mode", "create-or-update");
            properties.put("mcpdeploy.workload.rollout-poll-interval", "250ms");
            properties.put("quarkus.log.category.\"io.fabric8.mockwebserver\".level", "WARN");
            return new ExecutionWiring(
                    properties, Map.of(), Map.of("execution-target", "kubernetes"), NO_LOKI);
        }

        /** A real cluster: the deployer's default server-side apply, credentials from the file. */
        public static ExecutionWiring kubeconfig(Path kubeconfig) {
            return new ExecutionWiring(
                    Map.of("kubeconfig", kubeconfig.toString()),
                    Map.of("KUBECONFIG", kubeconfig.toString()),
                    Map.of("execution-target", "kubernetes"),
                    NO_LOKI);
        }

        /**
         * The Docker target on the app engine at {@code dockerHost}, behind the HAProxy {@code
         * edge}; apps answer at {@code http://{service}-{project}-{user}.localhost:{edge port}}
         * (RFC 6761: curl and browsers resolve {@code *.localhost} to loopback), custom domains at
         * {@code https://{domain}:{edge TLS port}}.
         *
         * @param sandboxed false where runsc is missing: apps then run under runc, which the
         *     deployer-worker only does when told so explicitly
         */
        public static ExecutionWiring docker(
                String dockerHost, EdgeWiring edge, boolean sandboxed) {
            int edgePort = edge.port();
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("mcpdeploy.docker.host", dockerHost);
            if (!sandboxed) {
                properties.put("mcpdeploy.docker.runtime", "runc");
                properties.put("mcpdeploy.docker.allow-unsandboxed", "true");
            }
            properties.put("mcpdeploy.edge.kind", "haproxy");
            properties.putAll(edge.properties());
            return new ExecutionWiring(
                    properties,
                    Map.of(),
                    Map.of(
                            "execution-target", "docker",
                            "apps-domain", "localhost",
                            "cname-zone", "cname.localhost",
                            "url-scheme", "http",
                            "url-port", Integer.toString(edgePort)),
                    Map.of("docker-host", dockerHost));
        }
    }

    /**
     * Where the HAProxy edge's admin socket and files are, and its ports: the deployer-worker's
     * {@code mcpdeploy.edge.*} settings.
     */
    public record EdgeWiring(
            Path adminSocket,
            Path routesMap,
            Path domainsMap,
            Path challengesMap,
            Path crtList,
            Path certificatesDirectory,
            int port,
            int tlsPort) {

        /** The edge's files under {@code directory}, named as {@code HaproxyProcess} names them. */
        public static EdgeWiring in(Path directory, int port, int tlsPort) {
            HaproxyProcess.EdgeFiles files = HaproxyProcess.EdgeFiles.in(directory);
            return new EdgeWiring(
                    files.adminSocket(),
                    files.routesMap(),
                    files.domainsMap(),
                    files.challengesMap(),
                    files.crtList(),
                    directory.resolve("certificates"),
                    port,
                    tlsPort);
        }

        /** A running edge's. */
        public static EdgeWiring of(HaproxyProcess edge) {
            return new EdgeWiring(
                    edge.adminSocket(),
                    edge.mapFile(),
                    edge.domainsMapFile(),
                    edge.challengesMapFile(),
                    edge.crtListFile(),
                    edge.certificatesDirectory(),
                    edge.edgePort(),
                    edge.tlsPort());
        }

        Map<String, String> properties() {
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("mcpdeploy.edge.admin-socket", adminSocket.toString());
            properties.put("mcpdeploy.edge.map-file", routesMap.toString());
            properties.put("mcpdeploy.edge.domains-map-file", domainsMap.toString());
            properties.put("mcpdeploy.edge.challenges-map-file", challengesMap.toString());
            properties.put("mcpdeploy.edge.crt-list-file", crtList.toString());
            properties.put(
                    "mcpdeploy.edge.certificates-directory", certificatesDirectory.toString());
            properties.put("mcpdeploy.edge.listen-port", Integer.toString(port));
            properties.put("mcpdeploy.edge.tls-port", Integer.toString(tlsPort));
            return properties;
        }
    }

    /** The git-server's bare repositories. */
    public Path gitRoot() {
        return runDirectory.resolve("git");
    }

    /** Where the deployer-worker clones. */
    public Path checkoutDirectory() {
        return runDirectory.resolve("checkouts");
    }

    /** The service's {@code java.io.tmpdir}. */
    public Path temporaryDirectory(PlatformService service) {
        return runDirectory.resolve("tmp").resolve(service.module());
    }

    public URI gitServerUrl() {
        return local(ports.port(PlatformService.GIT_SERVER));
    }

    /**
     * The registry's token realm: the deployer-worker's {@code /registry/token}, on loopback, where
     * the Docker client and {@code buildctl} fetch tokens (the build daemon never does).
     */
    public static URI registryTokenRealm(PortPlan ports) {
        return local(ports.port(PlatformService.DEPLOYER_WORKER)).resolve("/registry/token");
    }

    public URI mcpPublicUrl() {
        return local(ports.port(PlatformService.MCP));
    }

    /** One service's settings, then the caller's extra properties and environment on top. */
    public ServiceLaunch launch(
            PlatformService service,
            Map<String, String> extraProperties,
            Map<String, String> extraEnvironment) {
        Map<String, String> properties = new LinkedHashMap<>();
        Map<String, String> environment = new LinkedHashMap<>(secrets.environmentFor(service));
        // Loopback only: the local platform is for this machine, not its network.
        properties.put("quarkus.http.host", "127.0.0.1");
        properties.put("quarkus.http.port", Integer.toString(ports.port(service)));
        properties.put("quarkus.temporal.connection.target", temporalTarget);
        properties.put("java.io.tmpdir", temporaryDirectory(service).toString());
        if (service.hasManagementPort()) {
            properties.put("quarkus.management.host", "127.0.0.1");
            properties.put("quarkus.management.port", Integer.toString(ports.healthPort(service)));
        }
        switch (service) {
            case GRAPHQL -> {
                database(properties, environment);
                properties.putAll(clusterProperties());
                properties.putAll(observabilityProperties());
                properties.put("mcpdeploy.firebase.project-id", firebaseProjectId);
                properties.put("mcpdeploy.firebase.jwks-url", jwksUrl.toString());
                properties.put("mcpdeploy.git-server.public-url", gitServerUrl().toString());
                properties.put("mcpdeploy.git-server.region", REGION);
            }
            case MCP -> {
                database(properties, environment);
                properties.putAll(clusterProperties());
                properties.putAll(observabilityProperties());
                properties.put("mcpdeploy.git-server.public-url", gitServerUrl().toString());
                properties.put("mcpdeploy.git-server.region", REGION);
                properties.put("mcpdeploy.mcp.oauth.public-url", mcpPublicUrl().toString());
            }
            case WORKER -> {
                database(properties, environment);
                properties.putAll(clusterProperties());
            }
            case DEPLOYER_SERVER -> {}
            case DEPLOYER_WORKER -> {
                properties.putAll(clusterProperties());
                properties.put("mcpdeploy.source.git-server.url", gitServerUrl().toString());
                properties.put("mcpdeploy.source.work-dir", checkoutDirectory().toString());
                registryHost.ifPresent(
                        host -> {
                            properties.put("mcpdeploy.registry.plain-http", "true");
                            // The stand-ins' names (BaseImageStandIns), pushed at start or not:
                            // a build needing one that is not fails at its FROM, naming it.
                            properties.putAll(BaseImageStandIns.properties());
                        });
                registryTokenKeys.ifPresent(
                        keys -> {
                            environment.put(REGISTRY_SIGNING_KEY_ENV, keys.signingKeyPem());
                            environment.put(REGISTRY_CERTIFICATE_ENV, keys.certificatePem());
                        });
                buildEngine.ifPresent(
                        engine -> {
                            properties.put("mcpdeploy.builder.kind", "docker");
                            properties.put("mcpdeploy.builder.docker.host", engine.dockerHost());
                            properties.put(
                                    "mcpdeploy.builder.docker.binary",
                                    DockerEngineProcess.CLIENT.toString());
                            properties.put(
                                    "mcpdeploy.builder.run-network",
                                    engine.inBuildNetwork() ? "build-daemon" : "none");
                        });
                properties.putAll(execution.properties());
                environment.putAll(execution.environment());
            }
            case GIT_SERVER -> {
                properties.put("mcpdeploy.git-server.root", gitRoot().toString());
                // Its Temporal worker takes the revocations graphql and mcp send to this region.
                properties.put("mcpdeploy.git-server.region", REGION);
            }
        }
        properties.putAll(extraProperties);
        environment.putAll(extraEnvironment);
        return new ServiceLaunch(service, properties, environment);
    }

    /**
     * The run's one cluster, the same for every service that reads clusters (graphql, mcp and
     * worker through libs/platform; the deployer-worker serves it): its region is home, so new
     * projects go there and the deployer-worker polls its queue; the registry is the local one.
     */
    Map<String, String> clusterProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("mcpdeploy.clusters.home-region", REGION);
        execution.clusterSettings().forEach((name, value) -> properties.put(CLUSTER + name, value));
        registryHost.ifPresent(host -> properties.put(CLUSTER + "registry", host));
        return properties;
    }

    /**
     * Where graphql and mcp read the apps' output and figures: the target's log source and the
     * run's Prometheus (none: an empty value, so reads answer UNAVAILABLE naming the setting rather
     * than waiting on production's).
     */
    Map<String, String> observabilityProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        execution
                .logSettings()
                .forEach((name, value) -> properties.put(OBSERVABILITY + name, value));
        properties.put(
                OBSERVABILITY + "prometheus-url", prometheusUrl.map(URI::toString).orElse(""));
        properties.put(
                OBSERVABILITY + "prometheus-scrape-interval",
                metricsScrapeInterval.toSeconds() + "s");
        return properties;
    }

    /**
     * Where the service answers health checks: {@code /q/health}, on the management port for
     * deployer-server (9084) and git-server (9086).
     */
    public URI healthUrl(PlatformService service) {
        return local(ports.healthPort(service)).resolve("/q/health");
    }

    private void database(Map<String, String> properties, Map<String, String> environment) {
        properties.put("quarkus.datasource.jdbc.url", jdbcUrl);
        properties.put("quarkus.datasource.username", DATABASE_USER);
        environment.put(DATABASE_PASSWORD_ENV, DATABASE_USER);
    }

    static URI local(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }
}
