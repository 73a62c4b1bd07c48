package ink.ml.deploy.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.testing.PostgresTestResource;
import ink.ml.deploy.testing.ServiceProbes;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class HealthAndMetricsTest {

    @Test
    void readinessIsUpWithDatabaseConnectionCheck() {
        ServiceProbes.assertDatabaseCheckUp(ServiceProbes.readiness());
    }

    @Test
    void livenessIsUp() {
        ServiceProbes.liveness();
    }

    @Test
    void metricsArePrometheusTextWithJvmMetrics() {
        String metrics = ServiceProbes.prometheusMetrics();

        // Agroal pool metrics: the datasource is wired into Micrometer.
        assertThat(metrics).contains("agroal_");
    }
}
