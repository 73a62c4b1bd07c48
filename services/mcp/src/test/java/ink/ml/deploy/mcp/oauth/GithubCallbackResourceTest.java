package ink.ml.deploy.mcp.oauth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import ink.ml.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** GitHub sign-in during an authorization: every way the return from GitHub must be refused. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class GithubCallbackResourceTest {
    @InjectGithub WireMockServer githubServer;

    @Test
    void stateThatDoesNotMatchTheBrowsersSignInIsRefused() {
        GithubFake.Account github = new GithubFake(githubServer).account("state-mismatch");
        SignInStarted started = startSignIn();

        Response back = callback(github.code(), "not-the-state", started.cookie());

        assertThat(back.statusCode()).isEqualTo(400);
        assertThat(back.asString()).contains("state");
        assertThat(back.cookie(SessionCookie.NAME)).isNull();
    }

    @Test
    void returnWithoutTheSignInCookieIsRefused() {
        GithubFake.Account github = new GithubFake(githubServer).account("no-cookie");
        SignInStarted started = startSignIn();

        Response back = callback(github.code(), started.state(), null);

        assertThat(back.statusCode()).isEqualTo(400);
        assertThat(back.asString()).contains("not started in this browser");
    }

    @Test
    void alteredSignInCookieIsRefused() {
        GithubFake.Account github = new GithubFake(githubServer).account("altered");
        SignInStarted started = startSignIn();
        String cookie = started.cookie();
        String altered =
                cookie.substring(0, cookie.length() - 2) + (cookie.endsWith("AA") ? "BB" : "AA");

        Response back = callback(github.code(), started.state(), altered);

        assertThat(back.statusCode()).isEqualTo(400);
    }

    @Test
    void codeGithubRefusesEndsTheSignInWithoutASession() {
        String code = "stale" + UUID.randomUUID().toString().replace("-", "");
        githubServer.stubFor(
                post(urlPathEqualTo("/login/oauth/access_token"))
                        .withFormParam("code", equalTo(code))
                        .willReturn(
                                okJson(
                                        "{\"error\":\"bad_verification_code\","
                                                + "\"error_description\":\"The code passed is"
                                                + " incorrect or expired.\"}")));
        SignInStarted started = startSignIn();

        Response back = callback(code, started.state(), started.cookie());

        assertThat(back.statusCode()).isEqualTo(400);
        assertThat(back.cookie(SessionCookie.NAME)).isNull();
    }

    @Test
    void githubDownIsABadGatewayNotTheUsersFault() {
        String code = "down" + UUID.randomUUID().toString().replace("-", "");
        githubServer.stubFor(
                post(urlPathEqualTo("/login/oauth/access_token"))
                        .withFormParam("code", equalTo(code))
                        .willReturn(aResponse().withStatus(503)));
        SignInStarted started = startSignIn();

        Response back = callback(code, started.state(), started.cookie());

        assertThat(back.statusCode()).isEqualTo(502);
    }

    @Test
    void userWhoDeniesOnGithubGetsAPageNotASession() {
        SignInStarted started = startSignIn();

        Response back =
                given().redirects()
                        .follow(false)
                        .cookie("mcpdeploy_github_sign_in", started.cookie())
                        .queryParam("error", "access_denied")
                        .queryParam("state", started.state())
                        .get("/oauth/github/callback");

        assertThat(back.statusCode()).isEqualTo(400);
        assertThat(back.cookie(SessionCookie.NAME)).isNull();
    }

    private record SignInStarted(String state, String cookie) {}

    private SignInStarted startSignIn() {
        String clientId = OAuthDance.register("Sign-in Test", OAuthDance.REDIRECT_URI);
        Response toGithub =
                OAuthDance.authorize(
                        OAuthDance.authorizeParams(clientId, OAuthDance.newVerifier(), "s"), null);
        assertThat(toGithub.statusCode()).isEqualTo(302);
        Map<String, String> githubParams = OAuthDance.query(toGithub.header("Location"));
        return new SignInStarted(
                githubParams.get("state"), toGithub.cookie("mcpdeploy_github_sign_in"));
    }

    private static Response callback(String code, String state, String cookie) {
        var request =
                given().redirects()
                        .follow(false)
                        .queryParam("code", code)
                        .queryParam("state", state);
        if (cookie != null) {
            request.cookie("mcpdeploy_github_sign_in", cookie);
        }
        return request.get("/oauth/github/callback");
    }
}
