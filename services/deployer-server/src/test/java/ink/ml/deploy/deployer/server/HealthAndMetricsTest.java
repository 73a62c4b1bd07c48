package ink.ml.deploy.deployer.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthAndMetricsTest {

    @Test
    void readinessIsUp() {
        assertThat(health("/q/health/ready").getString("status")).isEqualTo("UP");
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
    }

    private static JsonPath health(String path) {
        return given().when().get(path).then().statusCode(200).extract().jsonPath();
    }
}
