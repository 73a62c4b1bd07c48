package ink.ml.deploy.gitserver;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The public port serves git only; health and metrics are on the management port, which is never
 * exposed beyond the cluster.
 */
@QuarkusTest
class HealthAndMetricsTest {

    /** The management interface's actual port, which Quarkus records once it listens. */
    private static String management() {
        return "http://localhost:"
                + ConfigProvider.getConfig()
                        .getValue("quarkus.management.test-port", Integer.class);
    }

    @Test
    void readinessOnManagementPortIsUp() {
        upAt("q/health/ready");
    }

    @Test
    void livenessOnManagementPortIsUp() {
        upAt("q/health/live");
    }

    @Test
    void metricsOnManagementPortArePrometheusText() {
        String metrics =
                given().baseUri(management())
                        .accept("text/plain")
                        .when()
                        .get("q/metrics")
                        .then()
                        .statusCode(200)
                        .contentType(startsWith("text/plain; version=0.0.4"))
                        .extract()
                        .asString();

        assertThat(metrics)
                .contains("# TYPE jvm_memory_used_bytes gauge", "jvm_threads_live_threads")
                .contains("http_server_");
    }

    @Test
    void publicPortAnswersNoHealthOrMetrics() {
        for (String path :
                List.of("/q/health", "/q/health/ready", "/q/health/live", "/q/metrics", "/q")) {
            given().when().get(path).then().statusCode(404);
        }
    }

    private JsonPath upAt(String path) {
        JsonPath health =
                given().baseUri(management())
                        .when()
                        .get(path)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(health.getString("status")).as(path).isEqualTo("UP");
        return health;
    }
}
