package ink.ml.deploy.mcp.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.Timestamps;
import ink.ml.deploy.platform.oauth.OAuthClient;
import ink.ml.deploy.platform.oauth.OAuthClients;
import ink.ml.deploy.platform.sessions.Sessions;
import ink.ml.deploy.platform.users.Users;
import ink.ml.deploy.testing.PostgresTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class UnusedClientsCleanupTest {
    @Inject UnusedClientsCleanup cleanup;
    @Inject OAuthClients clients;
    @Inject Users users;
    @Inject Sessions sessions;

    @Test
    void clientsRegisteredADayAgoWithoutACompletedAuthorizationAreDeleted() {
        String abandoned = OAuthDance.register("Abandoned", OAuthDance.REDIRECT_URI);
        String authorized = OAuthDance.register("Authorized", OAuthDance.REDIRECT_URI);
        String verifier = OAuthDance.newVerifier();
        String code =
                OAuthDance.approve(
                        OAuthDance.authorizeParams(authorized, verifier, "s"), newSession());
        OAuthDance.exchange(authorized, code, verifier).then().statusCode(200);
        String fresh = OAuthDance.register("Fresh", OAuthDance.REDIRECT_URI);
        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                OAuthClient.update(
                                        "createdAt = ?1 where clientId in ?2",
                                        Timestamps.now().minus(Duration.ofHours(25)),
                                        List.of(abandoned, authorized)));

        cleanup.deleteUnusedClients();

        assertThat(clients.find(abandoned)).isEmpty();
        assertThat(clients.find(authorized)).isPresent();
        assertThat(clients.find(fresh)).isPresent();
    }

    private String newSession() {
        return sessions.issue(Caller.of(users.register("Cleanup Approver", null).id()).userId())
                .token();
    }
}
