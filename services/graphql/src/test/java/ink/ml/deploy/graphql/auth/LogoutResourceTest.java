package ink.ml.deploy.graphql.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(WireMockIdentityProviders.class)
class LogoutResourceTest {
    @Inject Users users;
    @Inject Sessions sessions;
    @Inject ApiKeys apiKeys;

    @Test
    void logoutRevokesTheSessionItWasSentWith() {
        Caller caller = newCaller();
        IssuedSession ended = sessions.issue(caller.userId());
        IssuedSession other = sessions.issue(caller.userId());

        given().header("Authorization", "Bearer " + ended.token())
                .post("/auth/logout")
                .then()
                .statusCode(204);

        assertThat(whoAmI(ended.token()).statusCode()).isEqualTo(401);
        assertThat(whoAmI(other.token()).statusCode()).isEqualTo(200);
        // Logging out again with the ended session is refused like any revoked credential.
        given().header("Authorization", "Bearer " + ended.token())
                .post("/auth/logout")
                .then()
                .statusCode(401);
    }

    @Test
    void logoutEverywhereRevokesEverySessionOfTheUser() {
        Caller caller = newCaller();
        IssuedSession first = sessions.issue(caller.userId());
        IssuedSession second = sessions.issue(caller.userId());
        IssuedSession strangers = sessions.issue(newCaller().userId());

        given().header("Authorization", "Bearer " + first.token())
                .queryParam("everywhere", true)
                .post("/auth/logout")
                .then()
                .statusCode(204);

        assertThat(whoAmI(first.token()).statusCode()).isEqualTo(401);
        assertThat(whoAmI(second.token()).statusCode()).isEqualTo(401);
        assertThat(whoAmI(strangers.token()).statusCode()).isEqualTo(200);
    }

    @Test
    void logoutNeedsASession() {
        Caller caller = newCaller();
        String key = apiKeys.create(caller, "cli").secret();

        Response anonymous = given().post("/auth/logout");
        Response withKey = given().header("Authorization", "Bearer " + key).post("/auth/logout");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.jsonPath().getString("errors[0].extensions.code"))
                .isEqualTo("UNAUTHENTICATED");
        assertThat(withKey.statusCode()).isEqualTo(400);
        assertThat(withKey.jsonPath().getString("errors[0].message")).contains("revokeApiKey");
        assertThat(whoAmI(key).statusCode()).isEqualTo(200);
    }

    private static Response whoAmI(String token) {
        return given().header("Authorization", "Bearer " + token).get("/test/whoami");
    }

    private Caller newCaller() {
        return Caller.of(users.register("Logout Test", null).id());
    }
}
