package ink.ml.deploy.graphql.auth.cookie;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.graphql.auth.WireMockIdentityProviders;
import ink.ml.deploy.platform.apikeys.ApiKeys;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.sessions.IssuedSession;
import ink.ml.deploy.platform.sessions.Sessions;
import ink.ml.deploy.platform.users.Users;
import ink.ml.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(WireMockIdentityProviders.class)
class SessionCookieResourceTest {
    private static final String ME = "{ me { id } }";

    @Inject Users users;
    @Inject Sessions sessions;
    @Inject ApiKeys apiKeys;

    @Test
    void aSignInLinksSessionBecomesAnHttpOnlySameSiteCookieAndSignsInOnlyOnce() {
        Caller caller = newCaller();
        IssuedSession link = sessions.issue(caller.userId());

        Response opened =
                given().header("Authorization", "Bearer " + link.token())
                        .header(SessionCookie.CSRF_HEADER, "1")
                        .post("/auth/session");

        assertThat(opened.statusCode()).isEqualTo(204);
        String setCookie = opened.header("Set-Cookie");
        assertThat(setCookie)
                .startsWith(SessionCookie.NAME + "=" + Sessions.TOKEN_PREFIX)
                .containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict")
                .contains("Path=/");
        assertThat(setCookie).doesNotContain(link.token());
        String cookie = opened.cookie(SessionCookie.NAME);
        assertThat(meWithCookie(cookie).jsonPath().getString("data.me.id")).isEqualTo(caller.id());
        // The link's own session is spent: opening it again is refused.
        given().header("Authorization", "Bearer " + link.token())
                .header(SessionCookie.CSRF_HEADER, "1")
                .post("/auth/session")
                .then()
                .statusCode(401);
    }

    @Test
    void aCookieSignedRequestWithoutTheCsrfHeaderIsRefusedAndChangesNothing() {
        Caller caller = newCaller();
        String cookie = cookieFor(caller);

        Response refused =
                given().cookie(SessionCookie.NAME, cookie)
                        .contentType("application/json")
                        .body(
                                Map.of(
                                        "query",
                                        "mutation { createProject(name: \"csrf-made\") { id } }"))
                        .post("/graphql");

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.jsonPath().getString("errors[0].message"))
                .contains(SessionCookie.CSRF_HEADER);
        Response projects =
                given().cookie(SessionCookie.NAME, cookie)
                        .header(SessionCookie.CSRF_HEADER, "1")
                        .contentType("application/json")
                        .body(Map.of("query", "{ projects { edges { node { name } } } }"))
                        .post("/graphql");
        assertThat(projects.jsonPath().getList("data.projects.edges.node.name", String.class))
                .doesNotContain("csrf-made");
    }

    @Test
    void aWebSocketSignedInByTheCookieFromAnotherOriginIsRefused() {
        String cookie = cookieFor(newCaller());

        Response refused =
                given().cookie(SessionCookie.NAME, cookie)
                        .header("Upgrade", "websocket")
                        .header("Connection", "Upgrade")
                        .header("Sec-WebSocket-Version", "13")
                        .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                        .header("Sec-WebSocket-Protocol", "graphql-transport-ws")
                        .header("Origin", "https://attacker.example")
                        .get("/graphql");

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.jsonPath().getString("errors[0].message")).contains("Origin");
    }

    @Test
    void theDashboardPageLoadsWithTheCookieAndAStrictContentSecurityPolicy() {
        String cookie = cookieFor(newCaller());

        Response page = given().cookie(SessionCookie.NAME, cookie).get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body().asString()).contains("<div id=\"app\"></div>");
        String policy = page.header("Content-Security-Policy");
        assertThat(policy)
                .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "*");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void anApiKeyDoesNotOpenADashboardSession() {
        String key = apiKeys.create(newCaller(), "cli").secret();

        Response refused =
                given().header("Authorization", "Bearer " + key)
                        .header(SessionCookie.CSRF_HEADER, "1")
                        .post("/auth/session");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.header("Set-Cookie")).isNull();
        assertThat(refused.jsonPath().getString("errors[0].message"))
                .startsWith("Authorization: an API key does not open a dashboard session");
    }

    @Test
    void logoutWithTheCookieEndsTheSessionAndClearsTheCookie() {
        String cookie = cookieFor(newCaller());

        Response out =
                given().cookie(SessionCookie.NAME, cookie)
                        .header(SessionCookie.CSRF_HEADER, "1")
                        .post("/auth/logout");

        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(out.header("Set-Cookie"))
                .startsWith(SessionCookie.NAME + "=;")
                .containsIgnoringCase("Max-Age=0");
        assertThat(meWithCookie(cookie).statusCode()).isEqualTo(401);
    }

    private String cookieFor(Caller caller) {
        return given().header("Authorization", "Bearer " + sessions.issue(caller.userId()).token())
                .header(SessionCookie.CSRF_HEADER, "1")
                .post("/auth/session")
                .cookie(SessionCookie.NAME);
    }

    private static Response meWithCookie(String cookie) {
        return given().cookie(SessionCookie.NAME, cookie)
                .header(SessionCookie.CSRF_HEADER, "1")
                .contentType("application/json")
                .body(Map.of("query", ME))
                .post("/graphql");
    }

    private Caller newCaller() {
        return Caller.of(users.register("Cookie Test", null).id());
    }
}
