package ink.ml.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.local.PlatformWiring.BuildEngine;
import ink.ml.deploy.local.PlatformWiring.EdgeWiring;
import ink.ml.deploy.local.PlatformWiring.ExecutionWiring;
import ink.ml.deploy.testing.RegistryTokenKeys;
import ink.ml.deploy.testing.ServiceProcess;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlatformWiringTest {
    private final PlatformSecrets secrets = PlatformSecrets.random();
    private final PlatformWiring wiring =
            wiring(
                    ExecutionWiring.inMemoryKubernetes("http://127.0.0.1:40000"),
                    Optional.of("127.0.0.1:5000"));

    @Test
    void noSecretEverReachesACommandLine() {
        for (PlatformService service : PlatformService.values()) {
            ServiceLaunch launch =
                    wiring.launch(
                            service,
                            Map.of("extra.property", "x"),
                            Map.of("EXTRA", "extra-env-value-7f3a"));

            List<String> argv =
                    ServiceProcess.command(
                            Path.of("/services/" + service.module() + "/quarkus-run.jar"),
                            List.of("-Xmx384m"),
                            launch.systemProperties());

            for (String secret : secrets.values()) {
                assertThat(String.join(" ", argv)).doesNotContain(secret);
            }
            assertThat(String.join(" ", argv))
                    .doesNotContain("extra-env-value-7f3a")
                    .contains("-Dextra.property=x");
            assertThat(launch.toString()).doesNotContain(secrets.values());
        }
    }

    @Test
    void everyServiceGetsTheSameKeysThroughItsEnvironment() {
        Map<PlatformService, Map<String, String>> environments =
                new EnumMap<>(PlatformService.class);
        for (PlatformService service : PlatformService.values()) {
            environments.put(service, wiring.launch(service, Map.of(), Map.of()).environment());
        }

        assertThat(environments.values())
                .allSatisfy(
                        env ->
                                assertThat(env)
                                        .containsEntry(
                                                PlatformSecrets.TEMPORAL_PAYLOAD_KEY,
                                                secrets.temporalPayloadKey()));
        String gitKey =
                environments.get(PlatformService.GRAPHQL).get(PlatformSecrets.GIT_TOKENS_KEY);
        assertThat(gitKey).isNotBlank();
        for (PlatformService signsOrVerifiesGitTokens :
                List.of(
                        PlatformService.MCP,
                        PlatformService.GIT_SERVER,
                        PlatformService.DEPLOYER_WORKER)) {
            assertThat(environments.get(signsOrVerifiesGitTokens))
                    .containsEntry(PlatformSecrets.GIT_TOKENS_KEY, gitKey);
        }
        for (PlatformService productPlane :
                List.of(PlatformService.GRAPHQL, PlatformService.MCP, PlatformService.WORKER)) {
            assertThat(environments.get(productPlane))
                    .containsKeys(PlatformSecrets.CRYPTO_KEY, PlatformSecrets.TOKEN_PEPPER)
                    .containsEntry(PlatformWiring.DATABASE_PASSWORD_ENV, "postgres");
        }
        assertThat(environments.get(PlatformService.DEPLOYER_SERVER))
                .containsEntry(PlatformSecrets.WEBHOOK_SECRET, secrets.githubWebhookSecret())
                .doesNotContainKeys(PlatformSecrets.CRYPTO_KEY, PlatformSecrets.GIT_TOKENS_KEY);
        assertThat(environments.get(PlatformService.GRAPHQL))
                .containsEntry(PlatformSecrets.WEBHOOK_SECRET, secrets.githubWebhookSecret());
    }

    @Test
    void keysAreFreshPerRunAndDistinct() {
        PlatformSecrets other = PlatformSecrets.random();

        assertThat(secrets.values()).hasSize(5).doesNotHaveDuplicates();
        assertThat(other.values()).doesNotContainAnyElementsOf(secrets.values());
        assertThat(secrets.toString()).doesNotContain(secrets.values());
    }

    @Test
    void servicesFindEachOtherOnThePlannedLoopbackPorts() {
        Map<String, String> graphql =
                wiring.launch(PlatformService.GRAPHQL, Map.of(), Map.of()).systemProperties();
        Map<String, String> mcp =
                wiring.launch(PlatformService.MCP, Map.of(), Map.of()).systemProperties();
        Map<String, String> deployer =
                wiring.launch(PlatformService.DEPLOYER_WORKER, Map.of(), Map.of())
                        .systemProperties();
        Map<String, String> deployerServer =
                wiring.launch(PlatformService.DEPLOYER_SERVER, Map.of(), Map.of())
                        .systemProperties();

        assertThat(graphql)
                .containsEntry("quarkus.http.host", "127.0.0.1")
                .containsEntry("quarkus.http.port", "8081")
                .containsEntry("quarkus.datasource.jdbc.url", "jdbc:postgresql://x/mcpdeploy")
                .containsEntry("quarkus.temporal.connection.target", "127.0.0.1:7233")
                .containsEntry("mcpdeploy.firebase.project-id", "mcpdeploy-local")
                .containsEntry("mcpdeploy.firebase.jwks-url", "http://127.0.0.1:40001/jwks")
                .containsEntry("mcpdeploy.git-server.public-url", "http://127.0.0.1:8086")
                .containsEntry("mcpdeploy.git-server.region", "eu-central-1");
        assertThat(mcp)
                .containsEntry("mcpdeploy.git-server.public-url", "http://127.0.0.1:8086")
                .containsEntry("mcpdeploy.git-server.region", "eu-central-1")
                .containsEntry("mcpdeploy.mcp.oauth.public-url", "http://127.0.0.1:8082");
        assertThat(deployer)
                .containsEntry("mcpdeploy.source.git-server.url", "http://127.0.0.1:8086")
                .containsEntry("mcpdeploy.source.work-dir", "/tmp/run/checkouts")
                .containsEntry("mcpdeploy.clusters.home-region", "eu-central-1")
                .containsEntry("mcpdeploy.clusters.regions.eu-central-1.registry", "127.0.0.1:5000")
                .containsEntry("mcpdeploy.registry.plain-http", "true")
                .containsEntry("mcpdeploy.build.base-images.static", "busybox:debian-static")
                .containsEntry("mcpdeploy.build.base-images.node", "node:debian12")
                .containsEntry("mcpdeploy.build.base-images.python", "python:debian12")
                .containsEntry("mcpdeploy.build.base-images.go", "golang:debian12")
                .containsEntry("mcpdeploy.build.base-images.runtime", "debian:12-minbase")
                .containsEntry("mcpdeploy.build.base-images.jdk", "openjdk:17-jdk-debian12")
                .containsEntry("mcpdeploy.build.base-images.jre", "openjdk:17-jre-debian12")
                .containsEntry("mcpdeploy.builder.kind", "docker")
                .containsEntry("mcpdeploy.builder.docker.host", "unix:///tmp/d/docker.sock")
                .containsEntry("mcpdeploy.builder.docker.binary", "/usr/bin/docker")
                .containsEntry("quarkus.kubernetes-client.api-server-url", "http://127.0.0.1:40000")
                .containsEntry("mcpdeploy.workload.apply-mode", "create-or-update");
        assertThat(deployerServer).containsEntry("quarkus.management.port", "9084");
        assertThat(wiring.launch(PlatformService.WORKER, Map.of(), Map.of()).systemProperties())
                .containsEntry(
                        "mcpdeploy.clusters.regions.eu-central-1.registry", "127.0.0.1:5000");
        assertThat(wiring.launch(PlatformService.GIT_SERVER, Map.of(), Map.of()).systemProperties())
                .containsEntry("mcpdeploy.git-server.root", "/tmp/run/git")
                .containsEntry("mcpdeploy.git-server.region", "eu-central-1")
                .containsEntry("quarkus.management.host", "127.0.0.1")
                .containsEntry("quarkus.management.port", "9086")
                .containsEntry("java.io.tmpdir", "/tmp/run/tmp/git-server");
        assertThat(wiring.healthUrl(PlatformService.DEPLOYER_SERVER))
                .isEqualTo(URI.create("http://127.0.0.1:9084/q/health"));
        assertThat(wiring.healthUrl(PlatformService.GIT_SERVER))
                .isEqualTo(URI.create("http://127.0.0.1:9086/q/health"));
        assertThat(wiring.healthUrl(PlatformService.MCP))
                .isEqualTo(URI.create("http://127.0.0.1:8082/q/health"));
    }

    @Test
    void theDeployerWorkerGetsTheRegistrySigningKeyOnlyThroughItsEnvironment() {
        ServiceLaunch deployer = wiring.launch(PlatformService.DEPLOYER_WORKER, Map.of(), Map.of());

        assertThat(deployer.environment())
                .containsEntry("MCPDEPLOY_REGISTRY_AUTH_SIGNING_KEY", "key-pem")
                .containsEntry("MCPDEPLOY_REGISTRY_AUTH_CERTIFICATE", "cert-pem");
        assertThat(deployer.systemProperties().values()).doesNotContain("key-pem");
        for (PlatformService other : PlatformService.values()) {
            if (other != PlatformService.DEPLOYER_WORKER) {
                assertThat(wiring.launch(other, Map.of(), Map.of()).environment())
                        .as(other.name())
                        .doesNotContainKey("MCPDEPLOY_REGISTRY_AUTH_SIGNING_KEY");
            }
        }
        assertThat(PlatformWiring.registryTokenRealm(PortPlan.fixed()))
                .isEqualTo(URI.create("http://127.0.0.1:8085/registry/token"));
    }

    @Test
    void aRealClusterKeepsServerSideApplyAndGetsTheKubeconfig() {
        PlatformWiring cluster =
                wiring(
                        ExecutionWiring.kubeconfig(Path.of("/home/me/.kube/config")),
                        Optional.empty());

        ServiceLaunch deployer =
                cluster.launch(PlatformService.DEPLOYER_WORKER, Map.of(), Map.of());

        assertThat(deployer.systemProperties())
                .doesNotContainKeys(
                        "mcpdeploy.workload.apply-mode",
                        "quarkus.kubernetes-client.api-server-url",
                        "mcpdeploy.clusters.regions.eu-central-1.registry")
                .containsEntry("kubeconfig", "/home/me/.kube/config");
        assertThat(deployer.environment()).containsEntry("KUBECONFIG", "/home/me/.kube/config");
    }

    @Test
    void onTheDockerTargetEveryServiceShowsTheEdgesLocalhostUrlAndOnlyTheDeployerGetsTheEngine() {
        PlatformWiring docker =
                wiring(
                        ExecutionWiring.docker(
                                "unix:///tmp/appd/docker.sock",
                                EdgeWiring.in(Path.of("/tmp/edge"), 8080, 8443),
                                true),
                        Optional.of("127.0.0.1:5000"));

        ServiceLaunch deployer = docker.launch(PlatformService.DEPLOYER_WORKER, Map.of(), Map.of());

        assertThat(deployer.systemProperties())
                .containsEntry("mcpdeploy.clusters.regions.eu-central-1.execution-target", "docker")
                .containsEntry("mcpdeploy.docker.host", "unix:///tmp/appd/docker.sock")
                .containsEntry("mcpdeploy.edge.kind", "haproxy")
                .containsEntry("mcpdeploy.edge.admin-socket", "/tmp/edge/haproxy.sock")
                .containsEntry("mcpdeploy.edge.map-file", "/tmp/edge/routes.map")
                .containsEntry("mcpdeploy.edge.domains-map-file", "/tmp/edge/domains.map")
                .containsEntry(
                        "mcpdeploy.edge.challenges-map-file", "/tmp/edge/acme-challenges.map")
                .containsEntry("mcpdeploy.edge.crt-list-file", "/tmp/edge/certificates.list")
                .containsEntry("mcpdeploy.edge.certificates-directory", "/tmp/edge/certificates")
                .containsEntry("mcpdeploy.edge.listen-port", "8080")
                .containsEntry("mcpdeploy.edge.tls-port", "8443")
                .doesNotContainKeys(
                        "mcpdeploy.docker.runtime",
                        "mcpdeploy.docker.allow-unsandboxed",
                        "quarkus.kubernetes-client.api-server-url");
        for (PlatformService shown :
                List.of(
                        PlatformService.GRAPHQL,
                        PlatformService.MCP,
                        PlatformService.DEPLOYER_WORKER)) {
            assertThat(docker.launch(shown, Map.of(), Map.of()).systemProperties())
                    .as(shown.module())
                    .containsEntry(
                            "mcpdeploy.clusters.regions.eu-central-1.apps-domain", "localhost")
                    .containsEntry("mcpdeploy.clusters.regions.eu-central-1.url-scheme", "http")
                    .containsEntry("mcpdeploy.clusters.regions.eu-central-1.url-port", "8080");
        }
        assertThat(docker.launch(PlatformService.GRAPHQL, Map.of(), Map.of()).systemProperties())
                .doesNotContainKey("mcpdeploy.docker.host");
    }

    @Test
    void graphqlAndMcpReadTheAppsLogsFromTheEngineAndTheirFiguresFromTheRunsPrometheus() {
        PlatformWiring docker =
                wiring(
                        ExecutionWiring.docker(
                                "unix:///tmp/appd/docker.sock",
                                EdgeWiring.in(Path.of("/tmp/edge"), 8080, 8443),
                                true),
                        Optional.of("127.0.0.1:5000"));

        for (PlatformService reader : List.of(PlatformService.GRAPHQL, PlatformService.MCP)) {
            assertThat(docker.launch(reader, Map.of(), Map.of()).systemProperties())
                    .as(reader.module())
                    .containsEntry(
                            "mcpdeploy.observability.regions.eu-central-1.docker-host",
                            "unix:///tmp/appd/docker.sock")
                    .containsEntry(
                            "mcpdeploy.observability.regions.eu-central-1.prometheus-url",
                            "http://127.0.0.1:9090")
                    .containsEntry(
                            "mcpdeploy.observability.regions.eu-central-1"
                                    + ".prometheus-scrape-interval",
                            "2s");
        }
    }

    @Test
    void onKubernetesWithoutLokiTheLogsSettingIsEmptiedRatherThanLeftOnProductions() {
        assertThat(wiring.launch(PlatformService.MCP, Map.of(), Map.of()).systemProperties())
                .containsEntry("mcpdeploy.observability.regions.eu-central-1.loki-url", "");
    }

    @Test
    void withoutRunscTheDeployerIsToldExplicitlyToRunAppsUnsandboxed() {
        ExecutionWiring unsandboxed =
                ExecutionWiring.docker(
                        "unix:///tmp/appd/docker.sock",
                        EdgeWiring.in(Path.of("/tmp/edge"), 8080, 8443),
                        false);

        assertThat(unsandboxed.properties())
                .containsEntry("mcpdeploy.docker.runtime", "runc")
                .containsEntry("mcpdeploy.docker.allow-unsandboxed", "true");
    }

    @Test
    void runStepsShareTheEnginesNetworkOnlyWhenItIsTheFilteredBuildNetwork() {
        ExecutionWiring kubernetes = ExecutionWiring.inMemoryKubernetes("http://127.0.0.1:40000");
        Optional<String> registry = Optional.of("127.0.0.1:5000");

        Map<String, String> inBuildNetwork =
                deployerProperties(
                        wiring(
                                kubernetes,
                                registry,
                                Optional.of(new BuildEngine("unix:///tmp/d/docker.sock", true))));
        Map<String, String> onThisMachinesNetwork =
                deployerProperties(
                        wiring(
                                kubernetes,
                                registry,
                                Optional.of(new BuildEngine("unix:///tmp/d/docker.sock", false))));
        Map<String, String> noEngine =
                deployerProperties(wiring(kubernetes, registry, Optional.empty()));

        assertThat(inBuildNetwork)
                .as("an engine in the build network gives RUN steps its filtered network")
                .containsEntry("mcpdeploy.builder.run-network", "build-daemon");
        assertThat(onThisMachinesNetwork)
                .as("an engine on this machine's own network keeps RUN steps offline")
                .containsEntry("mcpdeploy.builder.run-network", "none");
        assertThat(noEngine)
                .as("without an engine the deployer's own default (none) stands")
                .doesNotContainKeys("mcpdeploy.builder.run-network", "mcpdeploy.builder.kind");
    }

    private static Map<String, String> deployerProperties(PlatformWiring wiring) {
        return wiring.launch(PlatformService.DEPLOYER_WORKER, Map.of(), Map.of())
                .systemProperties();
    }

    @Test
    void theCallersPropertiesWinOverTheWiring() {
        ServiceLaunch deployer =
                wiring.launch(
                        PlatformService.DEPLOYER_WORKER,
                        Map.of("mcpdeploy.source.git-server.url", "file:///repos"),
                        Map.of("MCPDEPLOY_SOURCE_GITHUB_PRIVATE_KEY", "pem"));

        assertThat(deployer.systemProperties())
                .containsEntry("mcpdeploy.source.git-server.url", "file:///repos");
        assertThat(deployer.environment())
                .containsEntry("MCPDEPLOY_SOURCE_GITHUB_PRIVATE_KEY", "pem");
    }

    private PlatformWiring wiring(ExecutionWiring kubernetes, Optional<String> registry) {
        return wiring(
                kubernetes,
                registry,
                registry.map(host -> new BuildEngine("unix:///tmp/d/docker.sock", true)));
    }

    private PlatformWiring wiring(
            ExecutionWiring kubernetes,
            Optional<String> registry,
            Optional<BuildEngine> buildEngine) {
        return new PlatformWiring(
                PortPlan.fixed(),
                "jdbc:postgresql://x/mcpdeploy",
                "127.0.0.1:7233",
                registry,
                buildEngine,
                registry.map(
                        host ->
                                new RegistryTokenKeys(
                                        "key-pem", "cert-pem", Path.of("/tmp/cert.pem"))),
                kubernetes,
                Path.of("/tmp/run"),
                URI.create("http://127.0.0.1:40001/jwks"),
                LocalIdentityProvider.PROJECT_ID,
                Optional.of(URI.create("http://127.0.0.1:9090")),
                Duration.ofSeconds(2),
                secrets);
    }
}
