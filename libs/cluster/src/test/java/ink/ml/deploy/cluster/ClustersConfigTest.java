package ink.ml.deploy.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.Cluster;
import ink.ml.deploy.domain.Clusters;
import ink.ml.deploy.domain.ExecutionTargetKind;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.domain.Region;
import ink.ml.deploy.domain.RegistryHost;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.domain.UrlScheme;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The mapping with this library's defaults file, read as Quarkus reads it: the file below whatever
 * a service sets.
 */
class ClustersConfigTest {
    private static final ServiceRef WEB = ServiceRef.of("u42", "shop", "web");

    @Test
    void withoutSettingsTheHomeClusterIsProductions() {
        Clusters clusters = clusters(Map.of());

        Cluster home = clusters.home();
        assertThat(home.region()).isEqualTo(Region.of("eu-central-1"));
        assertThat(home.publicUrl(WEB)).isEqualTo("https://web-shop-u42.ml.ink");
        assertThat(home.cnameTarget(WEB)).isEqualTo("web-shop-u42.cname.ml.ink");
        assertThat(home.taskQueue()).isEqualTo("deployer-eu-central-1");
        assertThat(home.registry()).isEqualTo(RegistryHost.of("registry.internal:5000"));
        assertThat(home.executionTarget()).isEqualTo(ExecutionTargetKind.KUBERNETES);
    }

    @Test
    void aSecondRegionHasItsOwnNamesAndCanBeHome() {
        Clusters clusters =
                clusters(
                        Map.of(
                                "mcpdeploy.clusters.home-region", "us-east-1",
                                "mcpdeploy.clusters.regions.us-east-1.apps-domain", "localhost",
                                "mcpdeploy.clusters.regions.us-east-1.cname-zone",
                                        "cname.localhost",
                                "mcpdeploy.clusters.regions.us-east-1.url-scheme", "http",
                                "mcpdeploy.clusters.regions.us-east-1.url-port", "8080",
                                "mcpdeploy.clusters.regions.us-east-1.registry", "127.0.0.1:5000",
                                "mcpdeploy.clusters.regions.us-east-1.execution-target", "docker"));

        Cluster home = clusters.home();
        assertThat(home.region()).isEqualTo(Region.of("us-east-1"));
        assertThat(home.urlScheme()).isEqualTo(UrlScheme.HTTP);
        assertThat(home.publicUrl(WEB)).isEqualTo("http://web-shop-u42.localhost:8080");
        assertThat(home.executionTarget()).isEqualTo(ExecutionTargetKind.DOCKER);
        assertThat(clusters.of(Region.of("eu-central-1")).publicUrl(WEB))
                .isEqualTo("https://web-shop-u42.ml.ink");
    }

    @Test
    void refusesAHomeRegionWithoutAClusterNamingTheKey() {
        assertThatThrownBy(() -> clusters(Map.of("mcpdeploy.clusters.home-region", "us-east-1")))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage(
                        "mcpdeploy.clusters.home-region: no cluster is configured for us-east-1"
                                + " (configured: eu-central-1)");
    }

    @Test
    void refusesAMalformedSettingNamingItsKey() {
        assertThatThrownBy(
                        () ->
                                clusters(
                                        Map.of(
                                                "mcpdeploy.clusters.regions.eu-central-1.apps-domain",
                                                "ML.ink")))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage(
                        "mcpdeploy.clusters.regions.eu-central-1.apps-domain: must be lowercase");
        assertThatThrownBy(
                        () ->
                                clusters(
                                        Map.of(
                                                "mcpdeploy.clusters.regions.eu-central-1.registry",
                                                "https://registry.example.com")))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("mcpdeploy.clusters.regions.eu-central-1.registry: ");
        assertThatThrownBy(
                        () ->
                                clusters(
                                        Map.of(
                                                "mcpdeploy.clusters.regions.eu-central-1.url-port",
                                                "0")))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("mcpdeploy.clusters.regions.eu-central-1.url-port: ");
    }

    @Test
    void refusesAMalformedRegionKey() {
        assertThatThrownBy(
                        () ->
                                clusters(
                                        Map.of(
                                                "mcpdeploy.clusters.regions.EU.apps-domain",
                                                        "ml.ink",
                                                "mcpdeploy.clusters.regions.EU.cname-zone",
                                                        "cname.ml.ink",
                                                "mcpdeploy.clusters.regions.EU.registry",
                                                        "registry.internal:5000")))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith(
                        "mcpdeploy.clusters.regions.EU: must look like eu-central-1");
    }

    private static Clusters clusters(Map<String, String> settings) {
        SmallRyeConfig config =
                new SmallRyeConfigBuilder()
                        .addDefaultSources()
                        .addDefaultInterceptors()
                        .withSources(
                                new io.smallrye.config.PropertiesConfigSource(
                                        settings, "test", 500))
                        .withMapping(ClustersConfig.class)
                        .build();
        return config.getConfigMapping(ClustersConfig.class).toClusters();
    }
}
