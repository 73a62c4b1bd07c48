package ink.ml.deploy.mcp.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import ink.ml.deploy.platform.apikeys.ApiKeys;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.sessions.Sessions;
import ink.ml.deploy.platform.users.Users;
import ink.ml.deploy.testing.PostgresTestResource;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class BearerAuthenticationMechanismTest {
    static final String RESOURCE_METADATA =
            "resource_metadata=\"https://mcp.test/.well-known/oauth-protected-resource/mcp\"";
    static final String INITIALIZE =
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                    + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                    + "\"clientInfo\":{\"name\":\"curl\",\"version\":\"1\"}}}";

    @Inject Users users;
    @Inject ApiKeys apiKeys;
    @Inject Sessions sessions;
    @Inject CallerIdTool callerIdTool;

    @TestHTTPResource("/")
    URI root;

    @BeforeEach
    void registerCallerIdTool() {
        callerIdTool.register();
    }

    @AfterEach
    void removeCallerIdTool() {
        callerIdTool.remove();
    }

    @Test
    void anonymousMcpRequestIsChallengedWithResourceMetadata() {
        given().contentType("application/json")
                .accept("application/json, text/event-stream")
                .body(INITIALIZE)
                .post("/mcp")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer " + RESOURCE_METADATA));
    }

    @Test
    void apiKeyInitializesAndListsToolsWithTheOfficialClient() {
        Caller caller = newCaller();
        String key = apiKeys.create(caller, "agent").secret();

        try (McpSyncClient client = BearerMcpClient.connect(root, key)) {
            McpSchema.InitializeResult initialized = client.initialize();
            assertThat(initialized.protocolVersion()).isGreaterThanOrEqualTo("2025-06-18");
            assertThat(client.listTools().tools())
                    .extracting(McpSchema.Tool::name)
                    .contains(CallerIdTool.NAME);
            McpSchema.CallToolResult result =
                    client.callTool(new McpSchema.CallToolRequest(CallerIdTool.NAME, Map.of()));
            assertThat(result.isError()).isFalse();
            assertThat(((McpSchema.TextContent) result.content().get(0)).text())
                    .isEqualTo(caller.id());
        }
    }

    @Test
    void principalIsThePlatformUserId() {
        Caller caller = newCaller();
        String key = apiKeys.create(caller, "agent").secret();

        given().header("Authorization", "Bearer " + key)
                .get("/test/whoami")
                .then()
                .statusCode(200)
                .body(equalTo(caller.id()));
    }

    @Test
    void unknownApiKeyIsRefusedAsInvalidToken() {
        given().header("Authorization", "Bearer dk_live_" + "0".repeat(64))
                .contentType("application/json")
                .accept("application/json, text/event-stream")
                .body(INITIALIZE)
                .post("/mcp")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .header("WWW-Authenticate", containsString(RESOURCE_METADATA))
                .body("error", equalTo("invalid_token"));
    }

    @Test
    void unknownAccessTokenIsRefusedAsInvalidToken() {
        given().header("Authorization", "Bearer dk_at_" + "a".repeat(64))
                .contentType("application/json")
                .body(INITIALIZE)
                .post("/mcp")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_token"));
    }

    @Test
    void dashboardSessionDoesNotSignInToMcp() {
        Caller caller = newCaller();
        String session = sessions.issue(caller.userId()).token();

        given().header("Authorization", "Bearer " + session)
                .contentType("application/json")
                .body(INITIALIZE)
                .post("/mcp")
                .then()
                .statusCode(401)
                .body("error_description", containsString("OAuth"));
        given().header("Authorization", "Bearer " + session)
                .get("/test/whoami")
                .then()
                .statusCode(200)
                .body(equalTo(caller.id()));
    }

    @Test
    void tokenOfUnknownShapeIsRefusedWithoutEchoingIt() {
        given().header("Authorization", "Bearer ghp_secretvalue")
                .contentType("application/json")
                .body(INITIALIZE)
                .post("/mcp")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", org.hamcrest.Matchers.not(containsString("ghp_")))
                .body(org.hamcrest.Matchers.not(containsString("ghp_secretvalue")));
    }

    private Caller newCaller() {
        return Caller.of(users.register("Agent Owner", "owner@example.com").id());
    }
}
