package ink.ml.deploy.graphql.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import ink.ml.deploy.platform.apikeys.ApiKeys;
import ink.ml.deploy.platform.apikeys.CreatedApiKey;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.sessions.IssuedSession;
import ink.ml.deploy.platform.sessions.Sessions;
import ink.ml.deploy.platform.users.Users;
import ink.ml.deploy.testing.PostgresTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class BearerAuthenticationMechanismTest {
    @Inject Users users;
    @Inject ApiKeys apiKeys;
    @Inject Sessions sessions;
    @Inject EntityManager entityManager;

    @Test
    void anApiKeySignsInAsItsOwner() {
        Caller caller = newCaller();
        CreatedApiKey key = apiKeys.create(caller, "cli");

        given().header("Authorization", "Bearer " + key.secret())
                .get("/test/whoami")
                .then()
                .statusCode(200)
                .body("userId", equalTo(caller.id()))
                .body("credential", equalTo("API_KEY"));
    }

    @Test
    void aSessionTokenSignsInAsItsUser() {
        Caller caller = newCaller();
        IssuedSession session = sessions.issue(caller.userId());

        given().header("Authorization", "bearer " + session.token())
                .get("/test/whoami")
                .then()
                .statusCode(200)
                .body("userId", equalTo(caller.id()))
                .body("credential", equalTo("SESSION"));
    }

    @Test
    void withoutAHeaderTheRequestIsAnonymous() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/test/whoami").then().statusCode(401);
    }

    @Test
    void aRevokedApiKeyIsRefusedWithJson401() {
        Caller caller = newCaller();
        CreatedApiKey key = apiKeys.create(caller, "old");
        apiKeys.revoke(caller, key.id());

        assertRefused("Bearer " + key.secret(), "/test/whoami", "API key is unknown or revoked");
    }

    @Test
    void aRevokedSessionIsRefused() {
        Caller caller = newCaller();
        IssuedSession session = sessions.issue(caller.userId());
        sessions.revoke(caller, UUID.fromString(session.id()));

        assertRefused("Bearer " + session.token(), "/test/whoami", "signed out");
    }

    @Test
    void anExpiredSessionIsRefused() {
        IssuedSession session = sessions.issue(newCaller().userId());
        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                entityManager
                                        .createNativeQuery(
                                                "update sessions set created_at = now() - interval"
                                                        + " '15 days', expires_at = now() - interval '1"
                                                        + " second' where id = ?1")
                                        .setParameter(1, UUID.fromString(session.id()))
                                        .executeUpdate());

        assertRefused("Bearer " + session.token(), "/test/whoami", "expired");
    }

    @Test
    void forgedCredentialsAreRefusedEvenOnPublicPaths() {
        String forgedKey = "dk_live_" + "ab".repeat(32);
        String forgedSession = "dk_sess_" + "cd".repeat(32);

        assertRefused("Bearer " + forgedKey, "/q/health/live", "API key");
        assertRefused("Bearer " + forgedSession, "/test/whoami", "session");
        assertRefused("Bearer not-a-token", "/test/whoami", "not an API key");
        assertRefused("Basic dXNlcjpwYXNz", "/test/whoami", "must be 'Bearer <token>'");
        assertRefused("Bearer", "/test/whoami", "must be 'Bearer <token>'");
    }

    private void assertRefused(String authorization, String path, String messagePart) {
        Response response = given().header("Authorization", authorization).get(path);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.jsonPath().getString("errors[0].extensions.code"))
                .isEqualTo("UNAUTHENTICATED");
        assertThat(response.jsonPath().getString("errors[0].message")).contains(messagePart);
        String token = authorization.substring(authorization.indexOf(' ') + 1);
        if (token.length() > 16) {
            assertThat(response.asString()).doesNotContain(token.substring(8));
        }
    }

    private Caller newCaller() {
        return Caller.of(users.register("Auth Test", "auth@example.com").id());
    }
}
