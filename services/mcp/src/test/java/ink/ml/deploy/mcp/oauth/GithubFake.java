package ink.ml.deploy.mcp.oauth;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * GitHub's OAuth token endpoint and {@code GET /user} on WireMock, as GitHub documents them: the
 * token endpoint takes {@code client_id, client_secret, code, code_verifier, redirect_uri} as a
 * form and answers JSON; {@code /user} takes the token as bearer.
 */
final class GithubFake {
    private final WireMockServer server;

    GithubFake(WireMockServer server) {
        this.server = server;
    }

    /** A GitHub account with a code GitHub will exchange (with a PKCE verifier) for its token. */
    record Account(long id, String login, String code, String token) {}

    Account account(String login) {
        long id = ThreadLocalRandom.current().nextLong(1_000_000L, 9_000_000_000L);
        String suffix = UUID.randomUUID().toString().replace("-", "");
        Account account = new Account(id, login, "code" + suffix, "gho_" + suffix);
        server.stubFor(
                post(urlPathEqualTo("/login/oauth/access_token"))
                        .withHeader("Accept", equalTo("application/json"))
                        .withFormParam("client_id", equalTo(GithubWireMock.CLIENT_ID))
                        .withFormParam("client_secret", equalTo(GithubWireMock.CLIENT_SECRET))
                        .withFormParam("code", equalTo(account.code()))
                        .withFormParam("code_verifier", matching("[A-Za-z0-9_-]{43,128}"))
                        .withFormParam(
                                "redirect_uri", equalTo("https://mcp.test/oauth/github/callback"))
                        .willReturn(
                                okJson(
                                        "{\"access_token\":\""
                                                + account.token()
                                                + "\",\"token_type\":\"bearer\","
                                                + "\"scope\":\"read:user,user:email\"}")));
        server.stubFor(
                get(urlPathEqualTo("/api/user"))
                        .withHeader("Authorization", equalTo("Bearer " + account.token()))
                        .willReturn(
                                okJson(
                                        "{\"login\":\""
                                                + login
                                                + "\",\"id\":"
                                                + id
                                                + ",\"type\":\"User\",\"name\":\"Ada Agent\","
                                                + "\"email\":\"ada@example.com\"}")));
        return account;
    }
}
