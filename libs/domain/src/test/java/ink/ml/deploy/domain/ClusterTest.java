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
        assertThat(TestClusters.EU_CENTRAL_1.taskQueue()).isEqualTo("deployer-eu-central-1");
        assertThat(TaskQueues.DEFAULT).isEqualTo("default");
    }

    @Test
    void servicesAreReachableUnderTheAppsDomain() {
        assertThat(TestClusters.EU_CENTRAL_1.platformHostname(web))
                .isEqualTo("web-shop-u42.ml.ink");
    }

    @Test
    void productionUrlIsHttpsWithoutAPort() {
        assertThat(TestClusters.EU_CENTRAL_1.publicUrl(web))
                .isEqualTo("https://web-shop-u42.ml.ink");
    }

    @Test
    void oneMachineUrlIsHttpUnderLocalhostWithTheEdgesPort() {
        Cluster local =
                TestClusters.edge(
                        Region.of("eu-central-1"),
                        "localhost",
                        "cname.localhost",
                        UrlScheme.HTTP,
                        8080);

        assertThat(local.publicUrl(web)).isEqualTo("http://web-shop-u42.localhost:8080");
        assertThat(local.platformZones()).containsExactly("localhost");
    }

    @Test
    void aSchemesDefaultPortIsLeftOutAndAnyOtherKept() {
        assertThat(edge(UrlScheme.HTTP, 80).publicUrl(web))
                .isEqualTo("http://web-shop-u42.apps.example.net");
        assertThat(edge(UrlScheme.HTTP, 443).publicUrl(web))
                .isEqualTo("http://web-shop-u42.apps.example.net:443");
        assertThat(edge(UrlScheme.HTTPS, 8443).publicUrl(web))
                .isEqualTo("https://web-shop-u42.apps.example.net:8443");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65536})
    void refusesPortsOutsideTcpsRange(int port) {
        assertThatThrownBy(() -> edge(UrlScheme.HTTPS, port))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("urlPort: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ftp", "https:", "ws"})
    void refusesSchemesAnEdgeDoesNotServe(String scheme) {
        assertThatThrownBy(() -> UrlScheme.parse(scheme))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("urlScheme: must be http or https");
        assertThat(UrlScheme.parse("HTTP")).isEqualTo(UrlScheme.HTTP);
    }

    @Test
    void eachServiceHasItsOwnCnameTarget() {
        assertThat(TestClusters.EU_CENTRAL_1.cnameTarget(web))
                .isEqualTo("web-shop-u42.cname.ml.ink");
        assertThat(TestClusters.EU_CENTRAL_1.cnameTarget(ServiceRef.of("u43", "shop", "web")))
                .isNotEqualTo(TestClusters.EU_CENTRAL_1.cnameTarget(web));
    }

    @Test
    void cnameZoneInsideTheAppsDomainIsCoveredByIt() {
        assertThat(TestClusters.EU_CENTRAL_1.platformZones()).containsExactly("ml.ink");
        Cluster split =
                TestClusters.https(Region.of("us-east-1"), "apps.example.net", "cname.example.org");
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
    @ValueSource(
            strings = {"", "ML.ink", "ink", "ml..ink", "-ml.ink", "ml.ink/", "LOCALHOST", "local"})
    void refusesMalformedAppsDomains(String domain) {
        assertThatThrownBy(
                        () -> TestClusters.https(Region.of("eu-central-1"), domain, "cname.ml.ink"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("appsDomain: ");
    }

    private static Cluster edge(UrlScheme scheme, int port) {
        return TestClusters.edge(
                Region.of("us-east-1"), "apps.example.net", "cname.example.net", scheme, port);
    }
}
