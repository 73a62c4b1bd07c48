package ink.ml.deploy.graphql.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.github.tomakehurst.wiremock.WireMockServer;
import ink.ml.deploy.graphql.github.GithubApiWireMock.InjectGithubApi;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The App's setup URL. Callers are fixed platform user ids ({@code @TestSecurity}), each test its
 * own, created in the database by the test; GitHub's {@code /user/installations} is WireMock.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = GithubApiWireMock.class, parallel = true)
class GithubInstallationCallbackResourceTest {
    private static final String CALLBACK = "/auth/github/installation/callback";

    @InjectGithubApi WireMockServer github;
    @Inject GithubFixtures fixtures;

    @BeforeEach
    void resetGithub() {
        github.resetAll();
    }

    @Test
    @TestSecurity(user = "cbinstall1")
    void linksInstallationTheUserCanAccess() {
        Caller caller = signedInWithGithub("cbinstall1", "gho_token_one");
        long installationId = fixtures.newGithubUserId();
        github.stubFor(
                get(urlPathEqualTo("/user/installations"))
                        .withHeader("Authorization", equalTo("Bearer gho_token_one"))
                        .willReturn(okJson(installations(installationId - 1, installationId))));

        var reply =
                callback(installationId, "install")
                        .statusCode(200)
                        .body("outcome", org.hamcrest.Matchers.equalTo("linked"))
                        .extract()
                        .jsonPath();

        assertThat(reply.getLong("installationId")).isEqualTo(installationId);
        assertThat(reply.getString("githubLogin")).isEqualTo("gh-cbinstall1");

        assertThat(fixtures.installationOf(caller)).contains(installationId);
        github.verify(
                getRequestedFor(urlPathEqualTo("/user/installations"))
                        .withHeader("Accept", equalTo("application/vnd.github+json"))
                        .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));
    }

    @Test
    @TestSecurity(user = "cbforged1")
    void refusesInstallationTheUserCannotAccess() {
        Caller caller = signedInWithGithub("cbforged1", "gho_token_two");
        github.stubFor(
                get(urlPathEqualTo("/user/installations"))
                        .willReturn(okJson(installations(111, 222))));

        callback(333, "install")
                .statusCode(404)
                .body("message", containsString("installation 333 is not one your GitHub account"));

        assertThat(fixtures.installationOf(caller)).isEmpty();
    }

    @Test
    @TestSecurity(user = "cbpages1")
    void findsInstallationOnALaterPage() {
        Caller caller = signedInWithGithub("cbpages1", "gho_token_three");
        long target = 5_000_150L;
        github.stubFor(
                get(urlPathEqualTo("/user/installations"))
                        .withQueryParam("page", equalTo("1"))
                        .willReturn(
                                okJson(
                                        installationsPage(
                                                150,
                                                LongStream.rangeClosed(5_000_001, 5_000_100)))));
        github.stubFor(
                get(urlPathEqualTo("/user/installations"))
                        .withQueryParam("page", equalTo("2"))
                        .willReturn(
                                okJson(
                                        installationsPage(
                                                150,
                                                LongStream.rangeClosed(5_000_101, 5_000_150)))));

        callback(target, "update").statusCode(200);

        assertThat(fixtures.installationOf(caller)).contains(target);
    }

    @Test
    @TestSecurity(user = "cbexpired1")
    void revokedGithubTokenAsksToSignInAgain() {
        Caller caller = signedInWithGithub("cbexpired1", "gho_revoked");
        github.stubFor(
                get(urlPathEqualTo("/user/installations"))
                        .willReturn(
                                aResponse()
                                        .withStatus(401)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}")));

        callback(42, "install")
                .statusCode(401)
                .body("message", containsString("sign in with GitHub again"));

        assertThat(fixtures.installationOf(caller)).isEmpty();
    }

    @Test
    @TestSecurity(user = "cbnogh1")
    void userWithoutGithubLinkIsAskedToSignInWithGithub() {
        fixtures.ensureUser("cbnogh1");

        callback(42, "install")
                .statusCode(409)
                .body("message", containsString("sign in with GitHub first"));
    }

    @Test
    @TestSecurity(user = "cbinput1")
    void rejectsInvalidInput() {
        signedInWithGithub("cbinput1", "gho_token_four");

        given().queryParam("installation_id", "12abc")
                .queryParam("setup_action", "install")
                .when()
                .get(CALLBACK)
                .then()
                .statusCode(400)
                .body("message", containsString("installation_id"));
        callback(42, "uninstall").statusCode(400).body("message", containsString("setup_action"));
        assertThat(github.getAllServeEvents()).isEmpty();
    }

    @Test
    @TestSecurity(user = "cbrequest1")
    void organizationRequestWaitsForApproval() {
        signedInWithGithub("cbrequest1", "gho_token_five");

        given().queryParam("setup_action", "request")
                .when()
                .get(CALLBACK)
                .then()
                .statusCode(202)
                .body("outcome", org.hamcrest.Matchers.equalTo("requested"));
    }

    @Test
    void anonymousCallerIsRefused() {
        callback(42, "install").statusCode(401);

        assertThat(github.getAllServeEvents()).isEmpty();
    }

    private Caller signedInWithGithub(String userId, String token) {
        Caller caller = fixtures.ensureUser(userId);
        if (fixtures.githubLogin(caller).isEmpty()) {
            long githubUserId = fixtures.newGithubUserId();
            fixtures.linkGithub(caller, githubUserId, "gh-" + userId, token);
        }
        return caller;
    }

    private static ValidatableResponse callback(long installationId, String setupAction) {
        return given().queryParam("installation_id", installationId)
                .queryParam("setup_action", setupAction)
                .when()
                .get(CALLBACK)
                .then();
    }

    private static String installations(long... ids) {
        return installationsPage(ids.length, LongStream.of(ids));
    }

    /** A page of GitHub's "List app installations accessible to the user access token". */
    private static String installationsPage(long totalCount, LongStream ids) {
        return "{\"total_count\":"
                + totalCount
                + ",\"installations\":["
                + ids.mapToObj(
                                id ->
                                        "{\"id\":"
                                                + id
                                                + ",\"account\":{\"login\":\"octo\",\"id\":1,"
                                                + "\"type\":\"User\"},\"app_id\":5725,"
                                                + "\"target_type\":\"User\","
                                                + "\"repository_selection\":\"selected\"}")
                        .collect(Collectors.joining(","))
                + "]}";
    }
}
