package ink.ml.deploy.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.path.json.JsonPath;
import java.util.Map;

/**
 * What every service's tests check of its operational endpoints: health answers, readiness lists
 * the checks it depends on, and metrics are Prometheus text.
 */
public final class ServiceProbes {
    private static final String DATABASE_CHECK = "Database connections health check";

    private ServiceProbes() {}

    /** {@code /q/health/ready}, asserting it answers 200 UP. */
    public static JsonPath readiness() {
        return upAt("/q/health/ready");
    }

    /** {@code /q/health/live}, asserting it answers 200 UP. */
    public static JsonPath liveness() {
        return upAt("/q/health/live");
    }

    /**
     * The readiness check of the default datasource is UP. The check lists each active datasource
     * by name; with none configured it is UP with no data, which must not pass for a database.
     */
    public static void assertDatabaseCheckUp(JsonPath readiness) {
        assertThat(readiness.getMap("checks.find { it.name == '" + DATABASE_CHECK + "' }"))
                .containsEntry("status", "UP")
                .containsEntry("data", Map.of("<default>", "UP"));
    }

    /** The named readiness check is UP, e.g. {@code Temporal}. */
    public static void assertCheckUp(JsonPath readiness, String checkName) {
        assertThat(readiness.getString("checks.find { it.name == '" + checkName + "' }.status"))
                .as(checkName + " check")
                .isEqualTo("UP");
    }

    /** {@code /q/metrics} as Prometheus text (scrapers ask for text/plain), with JVM metrics. */
    public static String prometheusMetrics() {
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
        return metrics;
    }

    private static JsonPath upAt(String path) {
        JsonPath health = given().when().get(path).then().statusCode(200).extract().jsonPath();
        assertThat(health.getString("status")).as(path).isEqualTo("UP");
        return health;
    }
}
