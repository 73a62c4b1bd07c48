package ink.ml.deploy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClustersTest {
    private static final Region EU = Region.of("eu-central-1");
    private static final Region US = Region.of("us-east-1");
    private static final Cluster EU_CLUSTER = TestClusters.EU_CENTRAL_1;
    private static final Cluster US_CLUSTER =
            TestClusters.https(US, "us.example.net", "cname.us.example.net");
    private final ServiceRef web = ServiceRef.of("u42", "shop", "web");

    @Test
    void aProjectsNamesComeFromTheClusterOfItsOwnRegion() {
        Clusters clusters = Clusters.of(EU, List.of(EU_CLUSTER, US_CLUSTER));

        assertThat(clusters.of(US).publicUrl(web)).isEqualTo("https://web-shop-u42.us.example.net");
        assertThat(clusters.of(US).taskQueue()).isEqualTo("deployer-us-east-1");
        assertThat(clusters.of(EU).publicUrl(web)).isEqualTo("https://web-shop-u42.ml.ink");
        assertThat(clusters.home()).isEqualTo(EU_CLUSTER);
    }

    @Test
    void refusesARegionNoClusterServesNamingTheFieldAndTheConfiguredOnes() {
        Clusters clusters = Clusters.of(EU, List.of(EU_CLUSTER, US_CLUSTER));

        assertThatThrownBy(() -> clusters.of(Region.of("ap-south-1")))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage(
                        "region: no cluster is configured for ap-south-1 (configured:"
                                + " eu-central-1, us-east-1)");
    }

    @Test
    void refusesAHomeRegionWithoutACluster() {
        assertThatThrownBy(() -> Clusters.of(US, List.of(EU_CLUSTER)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage(
                        "region: no cluster is configured for us-east-1 (configured: eu-central-1)");
    }

    @Test
    void refusesAClusterFiledUnderAnotherRegion() {
        assertThatThrownBy(() -> new Clusters(US, Map.of(US, EU_CLUSTER)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eu-central-1");
    }

    @Test
    void everyClustersZonesAreThePlatforms() {
        Clusters clusters = Clusters.of(EU, List.of(US_CLUSTER, EU_CLUSTER));

        assertThat(clusters.platformZones()).containsExactly("ml.ink", "us.example.net");
    }
}
