package ink.ml.deploy.graphql.auth.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import ink.ml.deploy.graphql.auth.WireMockIdentityProviders;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * GitHub's OAuth and user endpoints on WireMock, as GitHub documents them: the token endpoint takes
 * the form {@code client_id, client_secret, code, code_verifier, redirect_uri} and answers JSON
 * (errors with 200 and an {@code error} field); {@code GET /user} and {@code /user/emails} take the
 * token as bearer. Every account and code is unique to one test.
 */
final class GithubFake {
    static final String TOKEN_PATH = "/login/oauth/access_token";

    private final WireMockServer server;

    GithubFake(WireMockServer server) {
        this.server = server;
    }

    /** A GitHub account that exists on the fake, with a code GitHub will exchange for its token. */
    record Account(long id, String login, String code, String token) {}

    Account account(String login, String name, String email) {
        long id = ThreadLocalRandom.current().nextLong(1_000_000L, 9_000_000_000L);
        String suffix = UUID.randomUUID().toString().replace("-", "");
        Account account = new Account(id, login, "code" + suffix, "gho_" + suffix);
        acceptCode(account);
        server.stubFor(
                get(urlPathEqualTo("/api/user"))
                        .withHeader("Authorization", equalTo("Bearer " + account.token()))
                        .withHeader("Accept", equalTo("application/vnd.github+json"))
                        .willReturn(
                                okJson(
                                        "{\"login\":\""
                                                + login
                                                + "\",\"id\":"
                                                + id
                                                + ",\"type\":\"User\",\"name\":"
                                                + quoted(name)
                                                + ",\"email\":"
                                                + quoted(email)
                                                + "}")));
        return account;
    }

    /** The same account signing in again: a new code and a new token. */
    Account signsInAgain(Account account) {
        String suffix = UUID.randomUUID().toString().replace("-", "");
        Account again =
                new Account(account.id(), account.login(), "code" + suffix, "gho_" + suffix);
        acceptCode(again);
        server.stubFor(
                get(urlPathEqualTo("/api/user"))
                        .withHeader("Authorization", equalTo("Bearer " + again.token()))
                        .willReturn(
                                okJson(
                                        "{\"login\":\""
                                                + again.login()
                                                + "\",\"id\":"
                                                + again.id()
                                                + ",\"name\":null,\"email\":null}")));
        emails(again, "[]");
        return again;
    }

    void emails(Account account, String json) {
        server.stubFor(
                get(urlPathEqualTo("/api/user/emails"))
                        .withHeader("Authorization", equalTo("Bearer " + account.token()))
                        .willReturn(okJson(json)));
    }

    /** GitHub's answer to an expired or used code. */
    String refusedCode() {
        String code = "stale" + UUID.randomUUID().toString().replace("-", "");
        server.stubFor(
                post(urlPathEqualTo(TOKEN_PATH))
                        .withFormParam("code", equalTo(code))
                        .willReturn(
                                okJson(
                                        "{\"error\":\"bad_verification_code\",\"error_description\":\"The"
                                                + " code passed is incorrect or expired.\"}")));
        return code;
    }

    /** GitHub failing. */
    String failingCode() {
        String code = "down" + UUID.randomUUID().toString().replace("-", "");
        server.stubFor(
                post(urlPathEqualTo(TOKEN_PATH))
                        .withFormParam("code", equalTo(code))
                        .willReturn(aResponse().withStatus(503)));
        return code;
    }

    List<LoggedRequest> tokenRequests(String code) {
        return server.findAll(
                postRequestedFor(urlPathEqualTo(TOKEN_PATH)).withFormParam("code", equalTo(code)));
    }

    private void acceptCode(Account account) {
        server.stubFor(
                post(urlPathEqualTo(TOKEN_PATH))
                        .withHeader("Accept", equalTo("application/json"))
                        .withFormParam("client_id", equalTo(WireMockIdentityProviders.CLIENT_ID))
                        .withFormParam(
                                "client_secret", equalTo(WireMockIdentityProviders.CLIENT_SECRET))
                        .withFormParam("code", equalTo(account.code()))
                        .withFormParam(
                                "redirect_uri", equalTo(WireMockIdentityProviders.CALLBACK_URL))
                        .willReturn(
                                okJson(
                                        "{\"access_token\":\""
                                                + account.token()
                                                + "\",\"token_type\":\"bearer\",\"scope\":\"read:user,user:email\"}")));
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
