package ink.ml.deploy.mcp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import ink.ml.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class HealthAndMetricsTest {

    @Test
    void readinessIsUpWithDatabaseConnectionCheck() {
        JsonPath ready = health("/q/health/ready");

        assertThat(ready.getString("status")).isEqualTo("UP");
        // The check lists each active datasource by name; without one it is UP with no data.
        assertThat(ready.getMap("checks.find { it.name == 'Database connections health check' }"))
                .containsEntry("status", "UP")
                .containsEntry("data", Map.of("<default>", "UP"));
    }

    @Test
    void livenessIsUp() {
        assertThat(health("/q/health/live").getString("status")).isEqualTo("UP");
    }

    @Test
    void metricsArePrometheusTextWithJvmMetrics() {
        String metrics =
                given().accept("text/plain")
                        .when()
                        .get("/q/metrics")
                        .then()
                        .statusCode(200)
                        .contentType(startsWith("text/plain; version=0.0.4"))
                        .extract()
                        .asString();

        assertThat(metrics)
                .contains("# TYPE jvm_memory_used_bytes gauge", "jvm_threads_live_threads");
        // Agroal pool metrics: the datasource is wired into Micrometer.
        assertThat(metrics).contains("agroal_");
    }

    private static JsonPath health(String path) {
        return given().when().get(path).then().statusCode(200).extract().jsonPath();
    }
}
