package ink.ml.deploy.deployer.worker.run.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.ServiceRef;
import org.junit.jupiter.api.Test;

class DockerNamesTest {

    @Test
    void networkIsTheProjectsNamespace() {
        assertThat(DockerNames.networkName(ServiceRef.of("u1", "shop", "web")))
                .isEqualTo("dp-u1-shop");
    }

    @Test
    void containerNameIsStablePerDeploymentAndCannotClashAcrossServices() {
        ServiceRef web = ServiceRef.of("u1", "shop", "web");
        assertThat(DockerNames.containerName(web, DeploymentId.of("d1")))
                .isEqualTo("dp-u1-shop.web.d1")
                .isEqualTo(DockerNames.containerName(web, DeploymentId.of("d1")));
        assertThat(
                        DockerNames.containerName(
                                ServiceRef.of("u1", "shop-web", "x"), DeploymentId.of("d1")))
                .isNotEqualTo(
                        DockerNames.containerName(
                                ServiceRef.of("u1", "shop", "web-x"), DeploymentId.of("d1")));
    }

    @Test
    void bridgeNameFitsAnInterfaceNameAndStartsWithThePrefix() {
        String longest = "dp-" + "u".repeat(12) + "-" + "p".repeat(24);
        assertThat(DockerNames.bridgeName("dpa", longest))
                .hasSize(15)
                .startsWith("dpa")
                .isEqualTo(DockerNames.bridgeName("dpa", longest))
                .isNotEqualTo(DockerNames.bridgeName("dpa", "dp-u1-shop"));
        assertThat(DockerNames.bridgeName("dtxy", "dp-u1-shop")).hasSize(15).startsWith("dtxy");
    }

    @Test
    void refusesABridgePrefixTheFirewallCouldNotMatchSafely() {
        assertThatThrownBy(() -> DockerNames.bridgeName("d", "dp-u1-shop"))
                .hasMessageContaining("mcpdeploy.docker.bridge-prefix");
        assertThatThrownBy(() -> DockerNames.bridgeName("dp-a", "dp-u1-shop"))
                .hasMessageContaining("2 to 5 lowercase letters");
    }
}
