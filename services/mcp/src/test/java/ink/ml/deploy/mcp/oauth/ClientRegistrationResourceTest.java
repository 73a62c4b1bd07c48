package ink.ml.deploy.mcp.oauth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import ink.ml.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/**
 * What one registration may weigh: the body is capped before it is parsed, and what is kept (name,
 * redirect URIs) is bounded too. Unknown metadata is ignored, as RFC 7591 §2 asks.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class ClientRegistrationResourceTest {
    private static final String VALID_START =
            "{\"client_name\":\"Padded\",\"redirect_uris\":[\"" + OAuthDance.REDIRECT_URI + "\"],";

    @Test
    void twoMegabyteBodyIsRefusedWith413AndAJsonError() {
        String body = VALID_START + "\"padding\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";

        Response response =
                given().contentType(ContentType.JSON).body(body).post("/oauth/register");

        response.then()
                .statusCode(413)
                .contentType(ContentType.JSON)
                .header("Cache-Control", containsString("no-store"))
                .body("error", equalTo("invalid_client_metadata"))
                .body("error_description", containsString("8192 bytes"));
    }

    @Test
    void oversizedChunkedBodyWithoutContentLengthIsRefusedToo() {
        byte[] body =
                (VALID_START + "\"padding\":\"" + "x".repeat(64 * 1024) + "\"}")
                        .getBytes(StandardCharsets.UTF_8);

        // An InputStream body of unknown length goes out chunked: no Content-Length to trust.
        Response response =
                given().contentType(ContentType.JSON)
                        .body(new ByteArrayInputStream(body))
                        .post("/oauth/register");

        response.then().statusCode(413).body("error", equalTo("invalid_client_metadata"));
    }

    @Test
    void unknownFieldsWithinTheCapAreIgnored() {
        String body =
                VALID_START
                        + "\"logo_uri\":\"https://agent.example/logo.png\","
                        + "\"software_id\":\"agent\",\"padding\":\""
                        + "x".repeat(4000)
                        + "\"}";

        given().contentType(ContentType.JSON)
                .body(body)
                .post("/oauth/register")
                .then()
                .statusCode(201)
                .body("client_name", equalTo("Padded"))
                .body("$", not(hasKey("padding")));
    }

    @Test
    void moreThanTenRedirectUrisAreRefused() {
        String[] uris =
                Collections.nCopies(11, "http://127.0.0.1:1/cb").stream()
                        .map(uri -> uri + Math.random())
                        .toArray(String[]::new);

        OAuthDance.registration("Many URIs", uris)
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_redirect_uri"))
                .body("error_description", containsString("at most 10"));
    }

    @Test
    void clientNameLongerThan200CharactersIsRefused() {
        OAuthDance.registration("n".repeat(201), OAuthDance.REDIRECT_URI)
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_client_metadata"))
                .body("error_description", containsString("client_name"));
    }

    @Test
    void malformedJsonIsInvalidClientMetadata() {
        given().contentType(ContentType.JSON)
                .body("{\"redirect_uris\": [")
                .post("/oauth/register")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_client_metadata"));
        assertThat(OAuthDance.register("Still Fine", OAuthDance.REDIRECT_URI)).startsWith("mcp_");
    }
}
