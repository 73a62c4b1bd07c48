package ink.ml.deploy.platform.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.platform.TestUsers;
import ink.ml.deploy.platform.common.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OAuthGrantsTest {
    static final String RESOURCE = "https://mcp.example/mcp";
    static final String REDIRECT = "https://agent.example/callback";

    @Inject OAuthGrants grants;
    @Inject OAuthClients clients;
    @Inject TestUsers users;

    @Test
    void codeExchangesOnceForAudienceBoundTokensStoredOnlyAsHashes() {
        Caller caller = users.newCaller();
        String clientId = newClient();
        String verifier = verifier();
        String code = grants.issueCode(caller, request(clientId, verifier));

        IssuedTokens tokens =
                grants.exchangeCode(new CodeExchange(clientId, code, REDIRECT, verifier, null));

        assertThat(tokens.accessToken()).startsWith(OAuthGrants.ACCESS_TOKEN_PREFIX);
        assertThat(tokens.refreshToken()).startsWith(OAuthGrants.REFRESH_TOKEN_PREFIX);
        assertThat(tokens.scope()).isEqualTo(Scopes.DEPLOY);
        assertThat(tokens.toString()).doesNotContain(tokens.accessToken());
        assertThat(grants.verifyAccessToken(tokens.accessToken(), RESOURCE))
                .hasValueSatisfying(
                        token -> {
                            assertThat(token.caller()).isEqualTo(caller);
                            assertThat(token.clientId()).isEqualTo(clientId);
                        });
        assertThat(grants.verifyAccessToken(tokens.accessToken(), "https://other.example/mcp"))
                .isEmpty();
        assertThat(grants.verifyAccessToken(tokens.refreshToken(), RESOURCE)).isEmpty();
        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                assertThat(
                                                OAuthToken.<OAuthToken>list("clientId", clientId)
                                                        .stream()
                                                        .map(t -> new String(t.tokenHash)))
                                        .doesNotContain(tokens.accessToken()));
    }

    @Test
    void codeIsNotIssuedForAnUnregisteredRedirectUriOrABadChallenge() {
        Caller caller = users.newCaller();
        String clientId = newClient();

        assertThatThrownBy(
                        () ->
                                grants.issueCode(
                                        caller,
                                        new AuthorizationRequest(
                                                clientId,
                                                REDIRECT + "/",
                                                Pkce.challengeOf(verifier()),
                                                RESOURCE,
                                                null)))
                .isInstanceOf(OAuthException.class)
                .hasMessageContaining("redirect_uri");
        assertThatThrownBy(
                        () ->
                                grants.issueCode(
                                        caller,
                                        new AuthorizationRequest(
                                                clientId, REDIRECT, "short", RESOURCE, null)))
                .isInstanceOf(OAuthException.class)
                .hasMessageContaining("code_challenge");
    }

    @Test
    void codeOfOneClientCannotBeExchangedByAnother() {
        Caller caller = users.newCaller();
        String clientId = newClient();
        String verifier = verifier();
        String code = grants.issueCode(caller, request(clientId, verifier));

        assertThatThrownBy(
                        () ->
                                grants.exchangeCode(
                                        new CodeExchange(
                                                newClient(), code, REDIRECT, verifier, null)))
                .isInstanceOfSatisfying(
                        OAuthException.class,
                        e -> assertThat(e.error()).isEqualTo(OAuthError.INVALID_GRANT));
    }

    @Test
    void twoConcurrentExchangesOfOneCodeNeverBothSucceed() throws Exception {
        Caller caller = users.newCaller();
        String clientId = newClient();
        String verifier = verifier();
        String code = grants.issueCode(caller, request(clientId, verifier));
        CodeExchange exchange = new CodeExchange(clientId, code, REDIRECT, verifier, null);
        Callable<Object> attempt =
                () -> {
                    try {
                        return grants.exchangeCode(exchange);
                    } catch (OAuthException e) {
                        return e.error();
                    }
                };

        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Object> outcomes;
        try {
            List<Future<Object>> futures = pool.invokeAll(List.of(attempt, attempt));
            outcomes = new ArrayList<>();
            for (Future<Object> future : futures) {
                outcomes.add(future.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(outcomes).filteredOn(IssuedTokens.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(OAuthError.INVALID_GRANT::equals).hasSize(1);
        // The loser saw a used code: the winner's tokens are revoked too (replay defence).
        IssuedTokens won =
                (IssuedTokens)
                        outcomes.stream().filter(IssuedTokens.class::isInstance).findFirst().get();
        assertThat(grants.verifyAccessToken(won.accessToken(), RESOURCE)).isEmpty();
    }

    @Test
    void unknownScopeIsRefusedNotDropped() {
        assertThatThrownBy(() -> Scopes.grant("deploy admin"))
                .isInstanceOfSatisfying(
                        OAuthException.class,
                        e -> assertThat(e.error()).isEqualTo(OAuthError.INVALID_SCOPE));
        assertThat(Scopes.grant(null)).isEqualTo("deploy");
    }

    @Test
    void revokingAnUnknownOrMalformedTokenIsNotAnError() {
        String clientId = newClient();

        grants.revoke(clientId, "dk_at_" + "0".repeat(64));
        grants.revoke(clientId, "garbage");

        assertThat(clients.find(clientId)).isPresent();
    }

    @Test
    void registrationNamesAnUnnamedClientByItsRedirectHost() {
        RegisteredClient client =
                clients.register(new ClientRegistration(null, List.of(REDIRECT, REDIRECT)));

        assertThat(client.clientName()).isEqualTo("agent.example");
        assertThat(client.redirectUris()).containsExactly(REDIRECT);
        assertThat(client.clientId()).matches("mcp_[0-9a-f]{32}");
    }

    private String newClient() {
        return clients.register(new ClientRegistration("Test Agent", List.of(REDIRECT))).clientId();
    }

    private static AuthorizationRequest request(String clientId, String verifier) {
        return new AuthorizationRequest(
                clientId, REDIRECT, Pkce.challengeOf(verifier), RESOURCE, "deploy");
    }

    private static String verifier() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
