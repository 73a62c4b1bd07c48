package ink.ml.deploy.mcp.oauth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import ink.ml.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class MetadataResourceTest {
    @Test
    void protectedResourceMetadataNamesThisServerAndItsAuthorizationServer() {
        for (String path :
                new String[] {
                    "/.well-known/oauth-protected-resource/mcp",
                    "/.well-known/oauth-protected-resource"
                }) {
            given().get(path)
                    .then()
                    .statusCode(200)
                    .body("resource", equalTo("https://mcp.test/mcp"))
                    .body("authorization_servers", contains("https://mcp.test"))
                    .body("bearer_methods_supported", contains("header"));
        }
    }

    @Test
    void authorizationServerMetadataAdvertisesPkceS256AndPublicClients() {
        given().get("/.well-known/oauth-authorization-server")
                .then()
                .statusCode(200)
                .body("issuer", equalTo("https://mcp.test"))
                .body("authorization_endpoint", equalTo("https://mcp.test/oauth/authorize"))
                .body("token_endpoint", equalTo("https://mcp.test/oauth/token"))
                .body("registration_endpoint", equalTo("https://mcp.test/oauth/register"))
                .body("revocation_endpoint", equalTo("https://mcp.test/oauth/revoke"))
                .body("code_challenge_methods_supported", contains("S256"))
                .body("token_endpoint_auth_methods_supported", contains("none"))
                .body("grant_types_supported", hasItem("refresh_token"))
                .body("response_types_supported", contains("code"));
    }
}
