package ink.ml.deploy.gitserver;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.testing.ServiceProbes;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthAndMetricsTest {

    @Test
    void readinessIsUp() {
        ServiceProbes.readiness();
    }

    @Test
    void livenessIsUp() {
        ServiceProbes.liveness();
    }

    @Test
    void metricsArePrometheusTextWithJvmMetrics() {
        String metrics = ServiceProbes.prometheusMetrics();

        assertThat(metrics).contains("http_server_");
    }
}
