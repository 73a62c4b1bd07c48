package ink.ml.deploy.platform.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.platform.TestUsers;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.Timestamps;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OAuthClientsTest {
    private static final String RESOURCE = "https://mcp.example/mcp";
    private static final String REDIRECT = "https://agent.example/callback";

    @Inject OAuthClients clients;
    @Inject OAuthGrants grants;
    @Inject TestUsers users;

    @Test
    void oldClientsThatNeverCompletedAnAuthorizationAreDeletedWithTheirCodes() {
        Caller caller = users.newCaller();
        String neverUsed = newClient();
        String approvedButNeverExchanged = newClient();
        grants.issueCode(caller, request(approvedButNeverExchanged, verifier()));
        String authorized = newClient();
        String verifier = verifier();
        grants.exchangeCode(
                new CodeExchange(
                        authorized,
                        grants.issueCode(caller, request(authorized, verifier)),
                        REDIRECT,
                        verifier,
                        null));
        String recent = newClient();
        Instant now = Timestamps.now();
        registeredAt(now.minus(Duration.ofHours(48)), neverUsed, approvedButNeverExchanged);
        registeredAt(now.minus(Duration.ofHours(48)), authorized);

        int deleted = clients.deleteUnusedRegisteredBefore(now.minus(Duration.ofHours(24)));

        assertThat(deleted).isGreaterThanOrEqualTo(2);
        assertThat(clients.find(neverUsed)).isEmpty();
        assertThat(clients.find(approvedButNeverExchanged)).isEmpty();
        assertThat(clients.find(authorized)).isPresent();
        assertThat(clients.find(recent)).isPresent();
        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                assertThat(
                                                OAuthAuthorizationCode.count(
                                                        "clientId", approvedButNeverExchanged))
                                        .isZero());
    }

    @Test
    void aClientStaysAuthorizedAfterItsTokensAreRevoked() {
        Caller caller = users.newCaller();
        String clientId = newClient();
        String verifier = verifier();
        IssuedTokens tokens =
                grants.exchangeCode(
                        new CodeExchange(
                                clientId,
                                grants.issueCode(caller, request(clientId, verifier)),
                                REDIRECT,
                                verifier,
                                null));
        grants.revoke(clientId, tokens.refreshToken());
        Instant now = Timestamps.now();
        registeredAt(now.minus(Duration.ofDays(30)), clientId);

        clients.deleteUnusedRegisteredBefore(now.minus(Duration.ofHours(24)));

        assertThat(clients.find(clientId)).isPresent();
    }

    private String newClient() {
        return clients.register(new ClientRegistration("Test Agent", List.of(REDIRECT))).clientId();
    }

    private static void registeredAt(Instant createdAt, String... clientIds) {
        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                OAuthClient.update(
                                        "createdAt = ?1 where clientId in ?2",
                                        createdAt,
                                        List.of(clientIds)));
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
