package ink.ml.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPlatformOptionsTest {
    @TempDir Path root;

    @BeforeEach
    void aCheckout() throws IOException {
        Files.createDirectories(root.resolve("services"));
    }

    @Test
    void defaultsUseTheReadmePortsAndTheCheckoutsPackagedJars() {
        LocalPlatformOptions options = LocalPlatformOptions.defaults(root);

        PortPlan ports = options.portPlan();
        assertThat(ports.port(PlatformService.GRAPHQL)).isEqualTo(8081);
        assertThat(ports.port(PlatformService.MCP)).isEqualTo(8082);
        assertThat(ports.port(PlatformService.WORKER)).isEqualTo(8083);
        assertThat(ports.port(PlatformService.DEPLOYER_SERVER)).isEqualTo(8084);
        assertThat(ports.port(PlatformService.DEPLOYER_WORKER)).isEqualTo(8085);
        assertThat(ports.port(PlatformService.GIT_SERVER)).isEqualTo(8086);
        assertThat(ports.healthPort(PlatformService.DEPLOYER_SERVER)).isEqualTo(9084);
        assertThat(ports.healthPort(PlatformService.GIT_SERVER)).isEqualTo(9086);
        assertThat(ports.healthPort(PlatformService.GRAPHQL)).isEqualTo(8081);
        assertThat(ports.temporalPort()).isEqualTo(7233);
        assertThat(ports.edgePort()).isEqualTo(8080);
        assertThat(ports.edgeTlsPort()).isEqualTo(8443);
        assertThat(options.serviceJar(PlatformService.DEPLOYER_WORKER))
                .isEqualTo(
                        root.resolve(
                                "services/deployer-worker/target/quarkus-app/quarkus-run.jar"));
        assertThat(options.logDirectory())
                .isEqualTo(root.resolve("local-platform/target/platform-logs"));
    }

    @Test
    void appsRunOnDockerUnlessKubeconfigNamesAClusterOrTheInMemoryApiIsAskedFor() {
        LocalPlatformOptions options =
                LocalPlatformOptions.defaults(root).withEnvironment(Map.of());

        assertThat(options.appsTarget()).isEqualTo(AppsTarget.DOCKER);
        assertThat(options.withInMemoryKubernetes().appsTarget())
                .isEqualTo(AppsTarget.IN_MEMORY_KUBERNETES);
        assertThat(
                        options.withEnvironment(Map.of("KUBECONFIG", "/home/me/.kube/config"))
                                .withInMemoryKubernetes()
                                .appsTarget())
                .isEqualTo(AppsTarget.KUBECONFIG);
    }

    @Test
    void randomPortsAreAllDifferentAndChangeFromRunToRun() {
        LocalPlatformOptions options = LocalPlatformOptions.defaults(root).withRandomPorts();

        PortPlan first = options.portPlan();
        PortPlan second = options.portPlan();

        assertThat(first.servicePorts().values())
                .doesNotHaveDuplicates()
                .doesNotContain(
                        first.temporalPort(),
                        first.edgePort(),
                        first.edgeTlsPort(),
                        first.healthPort(PlatformService.DEPLOYER_SERVER),
                        first.healthPort(PlatformService.GIT_SERVER));
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void portPlanRefusesAPortUsedTwice() {
        PortPlan fixed = PortPlan.fixed();

        assertThatThrownBy(
                        () ->
                                new PortPlan(
                                        fixed.servicePorts(),
                                        Map.of(
                                                PlatformService.DEPLOYER_SERVER, 8081,
                                                PlatformService.GIT_SERVER, 9086),
                                        7233,
                                        8080,
                                        8443))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port 8081 is planned twice");
        assertThatThrownBy(
                        () ->
                                new PortPlan(
                                        fixed.servicePorts(),
                                        Map.of(PlatformService.DEPLOYER_SERVER, 9084),
                                        7233,
                                        8080,
                                        8443))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("managementPorts: git-server needs one");
    }

    @Test
    void aTakenPortIsNamedBeforeAnythingStarts() throws IOException {
        PortPlan ports = PortPlan.random();
        int graphql = ports.port(PlatformService.GRAPHQL);
        try (ServerSocket taken = new ServerSocket(graphql, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> ports.requireFree(true, true))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage(
                            "port "
                                    + graphql
                                    + " (graphql) is in use on 127.0.0.1: is the platform already"
                                    + " running?");
        }
        ports.requireFree(true, true);
    }

    @Test
    void servicePropertiesAccumulatePerModuleAndLaterValuesWin() {
        LocalPlatformOptions options =
                LocalPlatformOptions.defaults(root)
                        .withServiceProperties("deployer-worker", Map.of("a", "1", "b", "1"))
                        .withServiceProperties("deployer-worker", Map.of("b", "2"))
                        .withServiceProperties("graphql", Map.of("c", "3"));

        assertThat(options.serviceProperties(PlatformService.DEPLOYER_WORKER))
                .containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "2"));
        assertThat(options.serviceProperties(PlatformService.GRAPHQL))
                .containsExactlyEntriesOf(Map.of("c", "3"));
        assertThat(options.serviceProperties(PlatformService.MCP)).isEmpty();
    }

    @Test
    void serviceEnvironmentIsKeptApartFromProperties() {
        LocalPlatformOptions options =
                LocalPlatformOptions.defaults(root)
                        .withServiceEnvironment("graphql", Map.of("SECRET", "s"));

        assertThat(options.serviceEnvironment(PlatformService.GRAPHQL))
                .containsExactlyEntriesOf(Map.of("SECRET", "s"));
        assertThat(options.serviceProperties(PlatformService.GRAPHQL)).isEmpty();
    }

    @Test
    void refusesAnUnknownModuleNamingTheKnownOnes() {
        LocalPlatformOptions options = LocalPlatformOptions.defaults(root);

        assertThatThrownBy(() -> options.withServiceProperties("deployer", Map.of("a", "1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "module: \"deployer\" is not a service of the platform; one of graphql,"
                                + " mcp, worker, deployer-server, deployer-worker, git-server");
    }

    @Test
    void refusesAPropertyNameThatCouldNotBeOneDashD() {
        LocalPlatformOptions options = LocalPlatformOptions.defaults(root);

        assertThatThrownBy(() -> options.withServiceProperties("mcp", Map.of("a=b", "1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("props: \"a=b\" is not a valid name");
    }

    @Test
    void servicesStartWithTheSerialCollectorAndACappedHeapUnlessToldOtherwise() {
        LocalPlatformOptions options = LocalPlatformOptions.defaults(root);

        assertThat(options.jvmOptions())
                .isEqualTo(LocalPlatformOptions.SERVICE_JVM_OPTIONS)
                .contains("-XX:+UseSerialGC", "-Xmx384m");
        assertThat(options.withJvmOptions(List.of()).jvmOptions()).isEmpty();
    }

    @Test
    void refusesJvmOptionsThatAreNotOptions() {
        LocalPlatformOptions options = LocalPlatformOptions.defaults(root);

        assertThat(options.withJvmOptions(List.of("-Xmx384m")).jvmOptions())
                .containsExactly("-Xmx384m");
        assertThatThrownBy(() -> options.withJvmOptions(List.of("Xmx384m")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("jvmOptions: \"Xmx384m\"");
    }

    @Test
    void refusesADirectoryThatIsNotTheCheckout(@TempDir Path elsewhere) {
        assertThatThrownBy(() -> LocalPlatformOptions.defaults(elsewhere))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("repositoryRoot: ")
                .hasMessageContaining("has no services/ directory");
    }

    @Test
    void temporalAddressAndKubeconfigComeFromTheEnvironmentWhenSet() {
        LocalPlatformOptions unset =
                LocalPlatformOptions.defaults(root)
                        .withEnvironment(Map.of("TEMPORAL_ADDRESS", " ", "HOME", "/root"));
        LocalPlatformOptions set =
                unset.withEnvironment(
                        Map.of("TEMPORAL_ADDRESS", "temporal:7233", "KUBECONFIG", "/k/config"));

        assertThat(unset.temporalAddress()).isEmpty();
        assertThat(unset.kubeconfig()).isEmpty();
        assertThat(set.temporalAddress()).contains("temporal:7233");
        assertThat(set.kubeconfig()).contains(Path.of("/k/config"));
    }
}
