package ink.ml.deploy.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.domain.Clusters;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.SmallRyeConfig;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The defaults graphql, mcp and worker share come from their libraries' {@code
 * META-INF/microprofile-config.properties}, read by Quarkus below this service's own
 * application.properties; this service's file no longer repeats them. Build-time values (the
 * metrics path, the datasource kind) are fixed into the build and show no source at run time:
 * HealthAndMetricsTest finds them working.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class SharedConfigDefaultsTest {
    /** What Quarkus gives a {@code META-INF/microprofile-config.properties} in a jar. */
    private static final int LIBRARY_DEFAULTS = 100;

    @Inject Clusters clusters;

    @Test
    void productPlaneDefaultsComeFromLibsPlatform() {
        assertLibraryDefault("quarkus.smallrye-health.root-path", "health", "platform");
        assertLibraryDefault("quarkus.flyway.migrate-at-start", "true", "platform");
    }

    @Test
    void temporalDefaultsComeFromLibsWorkflowApi() {
        assertLibraryDefault("quarkus.temporal.namespace", "default", "workflow-api");
    }

    @Test
    void theProductionClusterComesFromLibsCluster() {
        assertLibraryDefault(
                "mcpdeploy.clusters.regions.eu-central-1.apps-domain", "ml.ink", "cluster");
        assertThat(clusters.home().publicUrl(ServiceRef.of("u42", "shop", "web")))
                .isEqualTo("https://web-shop-u42.ml.ink");
    }

    /**
     * @param library the module: its jar ({@code mcpdeploy-<library>-…jar}) in a build, its classes
     *     directory ({@code libs/<library>/target/classes}) in an IDE
     */
    private static void assertLibraryDefault(String key, String value, String library) {
        ConfigValue configured =
                ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigValue(key);
        assertThat(configured.getValue()).as(key).isEqualTo(value);
        assertThat(configured.getSourceName())
                .as(key + " source")
                .contains("META-INF/microprofile-config.properties")
                .containsAnyOf("mcpdeploy-" + library + "-", "libs/" + library + "/");
        assertThat(configured.getSourceOrdinal()).as(key + " ordinal").isEqualTo(LIBRARY_DEFAULTS);
    }
}
