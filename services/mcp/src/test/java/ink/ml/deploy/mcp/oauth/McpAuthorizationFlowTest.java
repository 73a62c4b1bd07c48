package ink.ml.deploy.mcp.oauth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.github.tomakehurst.wiremock.WireMockServer;
import ink.ml.deploy.mcp.auth.BearerMcpClient;
import ink.ml.deploy.mcp.auth.CallerIdTool;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.github.GithubAccounts;
import ink.ml.deploy.platform.oauth.OAuthToken;
import ink.ml.deploy.platform.sessions.Sessions;
import ink.ml.deploy.platform.users.Users;
import ink.ml.deploy.testing.PostgresTestResource;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MCP authorization end to end, as an MCP client and a browser drive it, with GitHub on WireMock
 * and the official MCP Java SDK as the client of {@code /mcp}; and every way it must refuse.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class McpAuthorizationFlowTest {
    @InjectGithub WireMockServer githubServer;

    @Inject Users users;
    @Inject Sessions sessions;
    @Inject GithubAccounts githubAccounts;
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
    void wholeDanceFromRegistrationThroughGithubSignInToToolCallRefreshAndRevocation() {
        GithubFake.Account github = new GithubFake(githubServer).account("ada-agent");
        String clientId = OAuthDance.register("Claude Test", OAuthDance.REDIRECT_URI);
        String verifier = OAuthDance.newVerifier();
        Map<String, String> params = OAuthDance.authorizeParams(clientId, verifier, "st-123");

        // Not signed in here: off to GitHub, with the sign-in bound to this browser by a cookie.
        Response toGithub = OAuthDance.authorize(params, null);
        assertThat(toGithub.statusCode()).isEqualTo(302);
        String githubAuthorize = toGithub.header("Location");
        assertThat(githubAuthorize).startsWith(githubServer.baseUrl() + "/login/oauth/authorize?");
        Map<String, String> githubParams = OAuthDance.query(githubAuthorize);
        assertThat(githubParams)
                .containsEntry("client_id", GithubWireMock.CLIENT_ID)
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("redirect_uri", "https://mcp.test/oauth/github/callback");
        String signInCookie = toGithub.cookie("mcpdeploy_github_sign_in");
        assertThat(signInCookie).isNotBlank();

        // GitHub sends the browser back with its code; the server signs the user in.
        Response back =
                given().redirects()
                        .follow(false)
                        .cookie("mcpdeploy_github_sign_in", signInCookie)
                        .queryParam("code", github.code())
                        .queryParam("state", githubParams.get("state"))
                        .get("/oauth/github/callback");
        assertThat(back.statusCode()).isEqualTo(302);
        String session = back.cookie(SessionCookie.NAME);
        assertThat(session).startsWith(Sessions.TOKEN_PREFIX);
        io.restassured.http.Cookie sessionCookie = back.detailedCookie(SessionCookie.NAME);
        assertThat(sessionCookie.isHttpOnly()).isTrue();
        assertThat(sessionCookie.isSecured()).isTrue();
        assertThat(sessionCookie.getSameSite()).isEqualToIgnoringCase("Lax");
        assertThat(sessionCookie.getPath()).isEqualTo("/oauth");
        assertThat(back.header("Location")).startsWith("https://mcp.test/oauth/authorize?");

        // Back at the authorization request: the consent page names the client and the user.
        Response consent =
                given().redirects()
                        .follow(false)
                        .urlEncodingEnabled(false)
                        .cookie(SessionCookie.NAME, session)
                        .get(OAuthDance.pathAndQuery(back.header("Location")));
        assertThat(consent.statusCode()).isEqualTo(200);
        assertThat(consent.header("X-Frame-Options")).isEqualTo("DENY");
        String userId = githubAccounts.findUserByGithubId(github.id()).orElseThrow().value();
        assertThat(consent.asString())
                .contains("Claude Test")
                .contains(userId)
                .contains("127.0.0.1")
                .contains("deploy, redeploy, roll back");

        Response approved = OAuthDance.decide(consent, session, "approve");
        assertThat(approved.statusCode()).isEqualTo(302);
        String location = approved.header("Location");
        assertThat(location).startsWith(OAuthDance.REDIRECT_URI + "?");
        Map<String, String> answer = OAuthDance.query(location);
        assertThat(answer)
                .containsEntry("state", "st-123")
                .containsEntry("iss", "https://mcp.test");

        Response tokens = OAuthDance.exchange(clientId, answer.get("code"), verifier);
        tokens.then()
                .statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .body("token_type", equalTo("Bearer"))
                .body("scope", equalTo("deploy"));
        String accessToken = tokens.path("access_token");
        String refreshToken = tokens.path("refresh_token");
        assertThat(tokens.<Integer>path("expires_in")).isBetween(3000, 3600);

        assertCallsToolsAs(accessToken, userId);

        // Refresh: a new pair that works; then revocation signs the client out.
        Response refreshed = OAuthDance.refresh(clientId, refreshToken);
        refreshed.then().statusCode(200);
        String newAccessToken = refreshed.path("access_token");
        String newRefreshToken = refreshed.path("refresh_token");
        assertThat(newRefreshToken).isNotEqualTo(refreshToken);
        assertCallsToolsAs(newAccessToken, userId);

        OAuthDance.revoke(clientId, newAccessToken).then().statusCode(200);
        assertMcpRefuses(newAccessToken);
        OAuthDance.refresh(clientId, newRefreshToken)
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
        assertThatThrownBy(() -> initialize(newAccessToken)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void aSecondClientOfTheSameUserNeedsNoGithubRoundTrip() {
        String session = newSession();
        String clientId = OAuthDance.register("Cursor Test", OAuthDance.REDIRECT_URI);
        String verifier = OAuthDance.newVerifier();

        Response consent =
                OAuthDance.authorize(OAuthDance.authorizeParams(clientId, verifier, "s"), session);

        assertThat(consent.statusCode()).isEqualTo(200);
        assertThat(consent.asString()).contains("Cursor Test");
    }

    @Test
    void aDashboardSessionAsBearerSignsInToTheAuthorizationPage() {
        String session = newSession();
        String clientId = OAuthDance.register("Bearer Test", OAuthDance.REDIRECT_URI);

        given().redirects()
                .follow(false)
                .header("Authorization", "Bearer " + session)
                .queryParams(OAuthDance.authorizeParams(clientId, OAuthDance.newVerifier(), "s"))
                .get("/oauth/authorize")
                .then()
                .statusCode(200)
                .body(containsString("Bearer Test"));
    }

    @Test
    void clientNameIsShownAsTextNeverAsMarkup() {
        String clientId =
                OAuthDance.register("<script>alert(1)</script> Agent", OAuthDance.REDIRECT_URI);

        Response consent =
                OAuthDance.authorize(
                        OAuthDance.authorizeParams(clientId, OAuthDance.newVerifier(), "s"),
                        newSession());

        assertThat(consent.asString())
                .doesNotContain("<script>alert(1)</script>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; Agent");
    }

    @Test
    void unregisteredRedirectUriIsNeverFollowed() {
        String session = newSession();
        String clientId = OAuthDance.register("Exact Match", OAuthDance.REDIRECT_URI);
        Map<String, String> params =
                OAuthDance.authorizeParams(clientId, OAuthDance.newVerifier(), "s");
        params.put("redirect_uri", OAuthDance.REDIRECT_URI + "/evil");

        Response response = OAuthDance.authorize(params, session);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.header("Location")).isNull();
        assertThat(response.asString()).contains("redirect_uri");
    }

    @Test
    void unknownClientIsNeverRedirectedTo() {
        Map<String, String> params =
                OAuthDance.authorizeParams("mcp_" + "0".repeat(32), OAuthDance.newVerifier(), "s");

        Response response = OAuthDance.authorize(params, newSession());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.header("Location")).isNull();
    }

    @Test
    void tokenExchangeAtAnotherRedirectUriIsRefused() {
        String session = newSession();
        String clientId =
                OAuthDance.register(
                        "Two URIs", OAuthDance.REDIRECT_URI, "https://agent.example/callback");
        String verifier = OAuthDance.newVerifier();
        String code =
                OAuthDance.approve(OAuthDance.authorizeParams(clientId, verifier, "s"), session);

        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", clientId);
        form.put("code", code);
        form.put("redirect_uri", "https://agent.example/callback");
        form.put("code_verifier", verifier);
        OAuthDance.token(form)
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", containsString("redirect_uri"));
    }

    @Test
    void authorizationWithoutPkceGoesBackToTheClientAsInvalidRequest() {
        String session = newSession();
        String clientId = OAuthDance.register("No PKCE", OAuthDance.REDIRECT_URI);
        Map<String, String> params =
                OAuthDance.authorizeParams(clientId, OAuthDance.newVerifier(), "s-1");
        params.remove("code_challenge");
        params.remove("code_challenge_method");

        Response response = OAuthDance.authorize(params, session);

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(OAuthDance.query(response.header("Location")))
                .containsEntry("error", "invalid_request")
                .containsEntry("state", "s-1");
    }

    @Test
    void plainPkceIsRefused() {
        String clientId = OAuthDance.register("Plain PKCE", OAuthDance.REDIRECT_URI);
        String verifier = OAuthDance.newVerifier();
        Map<String, String> params = OAuthDance.authorizeParams(clientId, verifier, "s");
        params.put("code_challenge", verifier);
        params.put("code_challenge_method", "plain");

        Response response = OAuthDance.authorize(params, newSession());

        assertThat(OAuthDance.query(response.header("Location")))
                .containsEntry("error", "invalid_request");
        assertThat(OAuthDance.query(response.header("Location")).get("error_description"))
                .contains("S256");
    }

    @Test
    void missingVerifierIsRefusedAndUsesTheCodeUp() {
        String clientId = OAuthDance.register("Missing Verifier", OAuthDance.REDIRECT_URI);
        String verifier = OAuthDance.newVerifier();
        String code =
                OAuthDance.approve(
                        OAuthDance.authorizeParams(clientId, verifier, "s"), newSession());

        OAuthDance.exchange(clientId, code, null)
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", containsString("code_verifier"));
        OAuthDance.exchange(clientId, code, verifier)
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void wrongVerifierIsRefusedAndUsesTheCodeUp() {
        String clientId = OAuthDance.register("Wrong Verifier", OAuthDance.REDIRECT_URI);
        String verifier = OAuthDance.newVerifier();
        String code =
                OAuthDance.approve(
                        OAuthDance.authorizeParams(clientId, verifier, "s"), newSession());

        OAuthDance.exchange(clientId, code, OAuthDance.newVerifier())
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", containsString("code_verifier"));
        OAuthDance.exchange(clientId, code, verifier)
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void reusedCodeIsRefusedAndRevokesTheTokensItProduced() {
        String clientId = OAuthDance.register("Reused Code", OAuthDance.REDIRECT_URI);
        String verifier = OAuthDance.newVerifier();
        String code =
                OAuthDance.approve(
                        OAuthDance.authorizeParams(clientId, verifier, "s"), newSession());
        String accessToken =
                OAuthDance.exchange(clientId, code, verifier)
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("access_token");
        assertMcpAccepts(accessToken);

        OAuthDance.exchange(clientId, code, verifier)
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", containsString("already used"));

        assertMcpRefuses(accessToken);
    }

    @Test
    void expiredCodeIsRefused() {
        String clientId = OAuthDance.register("Slow Client", OAuthDance.REDIRECT_URI);
        String verifier = OAuthDance.newVerifier();
        String code =
                OAuthDance.approve(
                        OAuthDance.authorizeParams(clientId, verifier, "s"), newSession());
        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                ink.ml.deploy.platform.oauth.OAuthAuthorizationCode.update(
                                        "expiresAt = ?1 where clientId = ?2",
                                        Instant.now().minusSeconds(1),
                                        clientId));

        OAuthDance.exchange(clientId, code, verifier)
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", containsString("expired"));
    }

    @Test
    void expiredAccessTokenIsRefusedWithInvalidToken() {
        Tokens tokens = tokensFor("Expiring");
        assertMcpAccepts(tokens.access());
        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                OAuthToken.update(
                                        "expiresAt = :past where clientId = :client and kind ="
                                                + " 'access'",
                                        Parameters.with("past", Instant.now().minusSeconds(1))
                                                .and("client", tokens.clientId())));

        assertMcpRefuses(tokens.access());
    }

    @Test
    void tokenIssuedForAnotherAudienceIsRefused() {
        Tokens tokens = tokensFor("Other Audience");
        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                OAuthToken.update(
                                        "audience = 'https://other.example/mcp' where clientId ="
                                                + " ?1",
                                        tokens.clientId()));

        assertMcpRefuses(tokens.access());
    }

    @Test
    void authorizationForAnotherResourceIsRefused() {
        String clientId = OAuthDance.register("Wrong Resource", OAuthDance.REDIRECT_URI);
        Map<String, String> params =
                OAuthDance.authorizeParams(clientId, OAuthDance.newVerifier(), "s");
        params.put("resource", "https://other.example/mcp");

        Response response = OAuthDance.authorize(params, newSession());

        assertThat(OAuthDance.query(response.header("Location")))
                .containsEntry("error", "invalid_target");
    }

    @Test
    void reuseOfARotatedRefreshTokenRevokesTheWholeGrant() {
        Tokens first = tokensFor("Rotation");
        Response second = OAuthDance.refresh(first.clientId(), first.refresh());
        second.then().statusCode(200);
        String secondAccess = second.path("access_token");
        String secondRefresh = second.path("refresh_token");
        assertMcpAccepts(secondAccess);

        OAuthDance.refresh(first.clientId(), first.refresh())
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", containsString("already used"));

        assertMcpRefuses(secondAccess);
        OAuthDance.refresh(first.clientId(), secondRefresh)
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void refreshTokenOfAnotherClientIsRefused() {
        Tokens tokens = tokensFor("Owner Client");
        String otherClient = OAuthDance.register("Other Client", OAuthDance.REDIRECT_URI);

        OAuthDance.refresh(otherClient, tokens.refresh())
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
        assertMcpAccepts(tokens.access());
    }

    @Test
    void consentWithoutTheFormsCsrfTokenIsRefused() {
        String session = newSession();
        String clientId = OAuthDance.register("Forged Consent", OAuthDance.REDIRECT_URI);
        Map<String, String> form =
                OAuthDance.authorizeParams(clientId, OAuthDance.newVerifier(), "s");
        form.put("decision", "approve");
        form.put("csrf_token", Instant.now().getEpochSecond() + "." + "ab".repeat(32));

        given().redirects()
                .follow(false)
                .contentType(io.restassured.http.ContentType.URLENC)
                .cookie(SessionCookie.NAME, session)
                .formParams(form)
                .post("/oauth/authorize")
                .then()
                .statusCode(403);
    }

    @Test
    void consentFormOfOneUserDoesNotApproveForAnother() {
        String clientId = OAuthDance.register("Swapped Session", OAuthDance.REDIRECT_URI);
        Map<String, String> params =
                OAuthDance.authorizeParams(clientId, OAuthDance.newVerifier(), "s");
        Response page = OAuthDance.authorize(params, newSession());

        Response decision = OAuthDance.decide(page, newSession(), "approve");

        assertThat(decision.statusCode()).isEqualTo(403);
    }

    @Test
    void denyingSendsAccessDeniedToTheClient() {
        String session = newSession();
        String clientId = OAuthDance.register("Denied", OAuthDance.REDIRECT_URI);
        Response page =
                OAuthDance.authorize(
                        OAuthDance.authorizeParams(clientId, OAuthDance.newVerifier(), "s-9"),
                        session);

        Response decision = OAuthDance.decide(page, session, "deny");

        assertThat(decision.statusCode()).isEqualTo(302);
        assertThat(OAuthDance.query(decision.header("Location")))
                .containsEntry("error", "access_denied")
                .containsEntry("state", "s-9")
                .doesNotContainKey("code");
    }

    @Test
    void registrationRefusesNonLoopbackHttpAndFragments() {
        OAuthDance.registration("Plain HTTP", "http://agent.example/callback")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_redirect_uri"));
        OAuthDance.registration("Fragment", "https://agent.example/callback#x")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_redirect_uri"));
        OAuthDance.registration("Loopback v6", "http://[::1]:9000/cb").then().statusCode(201);
    }

    @Test
    void revokingAnotherClientsTokenIsRefusedAndChangesNothing() {
        Tokens tokens = tokensFor("Victim");
        String attacker = OAuthDance.register("Attacker", OAuthDance.REDIRECT_URI);

        OAuthDance.revoke(attacker, tokens.access())
                .then()
                .statusCode(400)
                .body("error", equalTo("unauthorized_client"));
        OAuthDance.revoke(attacker, "dk_at_" + "f".repeat(64)).then().statusCode(200);

        assertMcpAccepts(tokens.access());
    }

    private record Tokens(String clientId, String access, String refresh) {}

    private Tokens tokensFor(String clientName) {
        String clientId = OAuthDance.register(clientName, OAuthDance.REDIRECT_URI);
        String verifier = OAuthDance.newVerifier();
        String code =
                OAuthDance.approve(
                        OAuthDance.authorizeParams(clientId, verifier, "s"), newSession());
        Response tokens = OAuthDance.exchange(clientId, code, verifier);
        tokens.then().statusCode(200);
        return new Tokens(clientId, tokens.path("access_token"), tokens.path("refresh_token"));
    }

    private String newSession() {
        Caller caller = Caller.of(users.register("Approver " + UUID.randomUUID(), null).id());
        return sessions.issue(caller.userId()).token();
    }

    private void assertCallsToolsAs(String accessToken, String userId) {
        try (McpSyncClient client = BearerMcpClient.connect(root, accessToken)) {
            client.initialize();
            assertThat(client.listTools().tools())
                    .extracting(McpSchema.Tool::name)
                    .contains(CallerIdTool.NAME);
            McpSchema.CallToolResult result =
                    client.callTool(new McpSchema.CallToolRequest(CallerIdTool.NAME, Map.of()));
            assertThat(((McpSchema.TextContent) result.content().get(0)).text()).isEqualTo(userId);
        }
    }

    private void initialize(String accessToken) {
        try (McpSyncClient client = BearerMcpClient.connect(root, accessToken)) {
            client.initialize();
        }
    }

    /** The door that counts: {@code /mcp} itself, with the same request either way. */
    private static void assertMcpAccepts(String accessToken) {
        initializeRequest(accessToken)
                .then()
                .statusCode(200)
                .header("Mcp-Session-Id", not(emptyOrNullString()));
    }

    private static void assertMcpRefuses(String accessToken) {
        initializeRequest(accessToken)
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .header("WWW-Authenticate", containsString("resource_metadata="));
    }

    private static Response initializeRequest(String accessToken) {
        return given().header("Authorization", "Bearer " + accessToken)
                .contentType("application/json")
                .accept("application/json, text/event-stream")
                .body(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                                + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                                + "\"clientInfo\":{\"name\":\"flow-test\",\"version\":\"1\"}}}")
                .post("/mcp");
    }
}
