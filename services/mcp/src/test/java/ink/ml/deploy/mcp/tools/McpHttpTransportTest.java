package ink.ml.deploy.mcp.tools;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;

import ink.ml.deploy.testing.PostgresTestResource;
import ink.ml.deploy.testing.TemporalTestServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The HTTP side of {@code /mcp}: browsers may reach it only from the configured origins. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = TemporalTestServerResource.class, parallel = true)
class McpHttpTransportTest {

    @Test
    void aConfiguredOriginMayCallMcpFromABrowser() {
        given().header("Origin", "https://ml.ink")
                .header("Access-Control-Request-Method", "POST")
                .header(
                        "Access-Control-Request-Headers",
                        "authorization,content-type,mcp-session-id")
                .when()
                .options("/mcp")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", "https://ml.ink")
                .header(
                        "Access-Control-Expose-Headers",
                        org.hamcrest.Matchers.containsStringIgnoringCase("Mcp-Session-Id"));
    }

    @Test
    void anyOtherOriginGetsNoCorsHeaders() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .when()
                .options("/mcp")
                .then()
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
