package ink.ml.deploy.graphql.auth.github;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import ink.ml.deploy.graphql.auth.InjectWireMock;
import ink.ml.deploy.graphql.auth.WireMockIdentityProviders;
import ink.ml.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With a dashboard URL configured, the callback hands the session over in a URL fragment. */
@QuarkusTest
@TestProfile(GithubLoginDashboardRedirectTest.DashboardProfile.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(WireMockIdentityProviders.class)
class GithubLoginDashboardRedirectTest {
    static final String DASHBOARD = "https://dashboard.example.test/signed-in";

    public static class DashboardProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mcpdeploy.github.oauth.dashboard-url", DASHBOARD);
        }
    }

    @InjectWireMock WireMockServer wireMock;

    @Test
    void theCallbackRedirectsToTheDashboardWithTheSessionInTheFragment() {
        GithubFake.Account account =
                new GithubFake(wireMock).account("dash-user", null, "dash@example.com");

        Response callback = BrowserSignIn.start().callback(account.code());

        assertThat(callback.statusCode()).isEqualTo(302);
        URI location = URI.create(callback.header("Location"));
        assertThat(location.getRawQuery()).isNull();
        assertThat(location.toString()).startsWith(DASHBOARD + "#token=dk_sess_");
        Map<String, String> fragment = BrowserSignIn.form(location.getRawFragment());
        assertThat(Instant.parse(fragment.get("expires_at"))).isAfter(Instant.now());
        given().header("Authorization", "Bearer " + fragment.get("token"))
                .get("/test/whoami")
                .then()
                .statusCode(200)
                .body("userId", equalTo("dashuser"));
    }
}
