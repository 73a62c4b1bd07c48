package ink.ml.deploy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClusterTest {
    private final ServiceRef web = ServiceRef.of("u42", "shop", "web");

    @Test
    void productionClusterPollsItsRegionsDeployerQueue() {
        assertThat(Cluster.EU_CENTRAL_1.taskQueue()).isEqualTo("deployer-eu-central-1");
        assertThat(TaskQueues.DEFAULT).isEqualTo("default");
    }

    @Test
    void servicesAreReachableUnderTheAppsDomain() {
        assertThat(Cluster.EU_CENTRAL_1.platformHostname(web)).isEqualTo("web-shop-u42.ml.ink");
    }

    @Test
    void eachServiceHasItsOwnCnameTarget() {
        assertThat(Cluster.EU_CENTRAL_1.cnameTarget(web)).isEqualTo("web-shop-u42.cname.ml.ink");
        assertThat(Cluster.EU_CENTRAL_1.cnameTarget(ServiceRef.of("u43", "shop", "web")))
                .isNotEqualTo(Cluster.EU_CENTRAL_1.cnameTarget(web));
    }

    @Test
    void cnameZoneInsideTheAppsDomainIsCoveredByIt() {
        assertThat(Cluster.EU_CENTRAL_1.platformZones()).containsExactly("ml.ink");
        Cluster split =
                new Cluster(Region.of("us-east-1"), "apps.example.net", "cname.example.org");
        assertThat(split.platformZones()).containsExactly("apps.example.net", "cname.example.org");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "EU-central-1",
                "eu_central_1",
                "eucentral1",
                "eu-central-",
                "eu-central-1\n"
            })
    void refusesMalformedRegions(String id) {
        assertThatThrownBy(() -> Region.of(id))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("region: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ML.ink", "ink", "ml..ink", "-ml.ink", "ml.ink/"})
    void refusesMalformedAppsDomains(String domain) {
        assertThatThrownBy(() -> new Cluster(Region.of("eu-central-1"), domain, "cname.ml.ink"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("appsDomain: ");
    }
}
