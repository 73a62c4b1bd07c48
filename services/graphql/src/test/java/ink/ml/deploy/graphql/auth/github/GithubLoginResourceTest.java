package ink.ml.deploy.graphql.auth.github;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import ink.ml.deploy.auth.github.Pkce;
import ink.ml.deploy.domain.UserId;
import ink.ml.deploy.graphql.auth.InjectWireMock;
import ink.ml.deploy.graphql.auth.WireMockIdentityProviders;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.github.GithubAccounts;
import ink.ml.deploy.platform.pagination.PageRequest;
import ink.ml.deploy.platform.projects.ProjectView;
import ink.ml.deploy.platform.projects.Projects;
import ink.ml.deploy.platform.users.Users;
import ink.ml.deploy.testing.PostgresTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(WireMockIdentityProviders.class)
class GithubLoginResourceTest {
    @InjectWireMock WireMockServer wireMock;
    @Inject GithubAccounts githubAccounts;
    @Inject Projects projects;
    @Inject Users users;
    @Inject EntityManager entityManager;

    private GithubFake github;

    @BeforeEach
    void fake() {
        github = new GithubFake(wireMock);
    }

    @Test
    void loginRedirectsToGithubWithStateAndPkceBoundToTheBrowser() {
        BrowserSignIn browser = BrowserSignIn.start();

        URI location = URI.create(browser.login.header("Location"));
        assertThat(location.toString()).startsWith(wireMock.baseUrl() + "/login/oauth/authorize?");
        assertThat(browser.authorizeParams)
                .containsEntry("client_id", WireMockIdentityProviders.CLIENT_ID)
                .containsEntry("redirect_uri", WireMockIdentityProviders.CALLBACK_URL)
                .containsEntry("scope", "read:user user:email")
                .containsEntry("code_challenge_method", "S256");
        assertThat(browser.state()).matches("[A-Za-z0-9_-]{43}");
        assertThat(browser.authorizeParams.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
        String setCookie = browser.login.header("Set-Cookie");
        assertThat(setCookie)
                .startsWith(GithubLoginResource.COOKIE + "=")
                .contains("HttpOnly")
                .contains("Secure")
                .containsIgnoringCase("SameSite=Lax")
                .contains("Path=/auth/github");
        // The cookie is sealed: neither the state nor the verifier can be read from it.
        assertThat(browser.cookie).doesNotContain(browser.state());
        assertThat(BrowserSignIn.start().state()).isNotEqualTo(browser.state());
    }

    @Test
    void aFirstSignInCreatesTheUserTheirDefaultProjectAndASession() {
        GithubFake.Account account = github.account("Mona-Lisa", "Mona Lisa", "mona@example.com");
        BrowserSignIn browser = BrowserSignIn.start();

        Response callback = browser.callback(account.code());

        assertThat(callback.statusCode()).isEqualTo(200);
        assertThat(callback.header("Cache-Control")).contains("no-store");
        assertThat(callback.header("Set-Cookie")).contains(GithubLoginResource.COOKIE + "=;");
        String token = callback.jsonPath().getString("token");
        String userId = callback.jsonPath().getString("userId");
        assertThat(token).matches("dk_sess_[0-9a-f]{64}");
        assertThat(Instant.parse(callback.jsonPath().getString("expiresAt")))
                .isAfter(Instant.now());
        assertThat(userId).startsWith("monalisa");

        // PKCE: GitHub received the verifier whose S256 challenge the authorize step carried.
        LoggedRequest exchange = github.tokenRequests(account.code()).get(0);
        String verifier = BrowserSignIn.form(exchange.getBodyAsString()).get("code_verifier");
        assertThat(Pkce.challenge(verifier))
                .isEqualTo(browser.authorizeParams.get("code_challenge"));

        given().header("Authorization", "Bearer " + token)
                .get("/test/whoami")
                .then()
                .statusCode(200)
                .body("userId", equalTo(userId))
                .body("credential", equalTo("SESSION"));
        Caller caller = Caller.of(userId);
        assertThat(projects.list(caller, PageRequest.firstPage()).items())
                .extracting(ProjectView::name)
                .containsExactly(Projects.DEFAULT_NAME);
        assertThat(users.get(caller).email()).isEqualTo("mona@example.com");
        assertThat(users.get(caller).displayName()).isEqualTo("Mona Lisa");
        assertThat(githubAccounts.findUserByGithubId(account.id())).contains(UserId.of(userId));
        assertThat(githubAccounts.oauthToken(UserId.of(userId))).contains(account.token());
        assertThat(githubAccountRow(userId)).doesNotContain(account.token());
    }

    @Test
    void aLaterSignInIsTheSameUserWithAFreshGithubToken() {
        GithubFake.Account account = github.account("returning", null, null);
        github.emails(account, "[]");
        String firstUser =
                BrowserSignIn.start().callback(account.code()).jsonPath().getString("userId");
        GithubFake.Account again = github.signsInAgain(account);

        Response second = BrowserSignIn.start().callback(again.code());

        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.jsonPath().getString("userId")).isEqualTo(firstUser);
        assertThat(githubAccounts.oauthToken(UserId.of(firstUser))).contains(again.token());
        assertThat(projects.list(Caller.of(firstUser), PageRequest.firstPage()).items()).hasSize(1);
    }

    @Test
    void theEmailComesFromUserEmailsWhenTheProfileHidesIt() {
        GithubFake.Account account = github.account("private-mail", null, null);
        github.emails(
                account,
                "[{\"email\":\"old@example.com\",\"primary\":false,\"verified\":true,"
                        + "\"visibility\":null},{\"email\":\"main@example.com\",\"primary\":true,"
                        + "\"verified\":true,\"visibility\":\"private\"}]");

        String userId =
                BrowserSignIn.start().callback(account.code()).jsonPath().getString("userId");

        assertThat(users.get(Caller.of(userId)).email()).isEqualTo("main@example.com");
    }

    @Test
    void aCallbackWithAnotherStateIsRefusedAndNothingIsExchanged() {
        GithubFake.Account account = github.account("wrong-state", null, null);
        BrowserSignIn browser = BrowserSignIn.start();

        Response callback =
                BrowserSignIn.callback(
                        account.code(), BrowserSignIn.start().state(), browser.cookie);

        assertRejected(callback, "state: does not match");
        assertThat(github.tokenRequests(account.code())).isEmpty();
        assertThat(githubAccounts.findUserByGithubId(account.id())).isEmpty();
    }

    @Test
    void aCallbackWithoutTheBrowsersCookieIsRefused() {
        GithubFake.Account account = github.account("no-cookie", null, null);
        BrowserSignIn browser = BrowserSignIn.start();
        String tampered =
                browser.cookie.substring(0, browser.cookie.length() - 2)
                        + (browser.cookie.endsWith("AA") ? "BB" : "AA");

        assertRejected(
                BrowserSignIn.callback(account.code(), browser.state(), null),
                "not started in this browser");
        assertRejected(
                BrowserSignIn.callback(account.code(), browser.state(), tampered),
                "not started in this browser");
        assertRejected(
                BrowserSignIn.callback(account.code(), browser.state(), "k1.AAAA"),
                "not started in this browser");
        assertThat(github.tokenRequests(account.code())).isEmpty();
    }

    @Test
    void aCallbackWithoutACodeOrWithGithubsErrorIsRefused() {
        BrowserSignIn browser = BrowserSignIn.start();

        assertRejected(BrowserSignIn.callback(null, browser.state(), browser.cookie), "code:");
        assertRejected(
                BrowserSignIn.callback("bad code!", browser.state(), browser.cookie), "code:");
        Response denied =
                given().redirects()
                        .follow(false)
                        .queryParam("error", "access_denied")
                        .queryParam("state", browser.state())
                        .cookie(GithubLoginResource.COOKIE, browser.cookie)
                        .get("/auth/github/callback");
        assertRejected(denied, "access_denied");
    }

    @Test
    void aCodeGithubRefusesCreatesNothing() {
        String code = github.refusedCode();

        Response callback = BrowserSignIn.start().callback(code);

        assertRejected(callback, "GitHub refused the sign-in code");
        assertThat(github.tokenRequests(code)).hasSize(1);
    }

    @Test
    void githubFailingAnswers502Unavailable() {
        Response callback = BrowserSignIn.start().callback(github.failingCode());

        assertThat(callback.statusCode()).isEqualTo(502);
        assertThat(callback.jsonPath().getString("errors[0].extensions.code"))
                .isEqualTo("UNAVAILABLE");
        assertThat(callback.jsonPath().getString("errors[0].message"))
                .contains("GitHub answered 503");
    }

    private static void assertRejected(Response response, String messagePart) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/json");
        Map<String, Object> error = response.jsonPath().getMap("errors[0]");
        assertThat(response.jsonPath().getString("errors[0].extensions.code"))
                .isEqualTo("BAD_USER_INPUT");
        assertThat((String) error.get("message")).contains(messagePart);
        assertThat(response.asString()).doesNotContain("dk_sess_");
    }

    private String githubAccountRow(String userId) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () ->
                                (String)
                                        entityManager
                                                .createNativeQuery(
                                                        "select row_to_json(g)::text from"
                                                                + " github_accounts g where"
                                                                + " user_id = ?1")
                                                .setParameter(1, userId)
                                                .getSingleResult());
    }
}
