package ink.ml.deploy.graphql.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Without GitHub OAuth or Firebase configuration (as in HealthAndMetricsTest's app), neither
 * sign-in path accepts anything: GitHub login answers 503, and a Firebase ID token is refused
 * unverified.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class SignInNotConfiguredTest {

    @Test
    void githubLoginAnswers503WhenNotConfigured() {
        for (String path :
                new String[] {"/auth/github/login", "/auth/github/callback?code=a&state=b"}) {
            Response response = given().redirects().follow(false).get(path);

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.jsonPath().getString("errors[0].extensions.code"))
                    .isEqualTo("UNAVAILABLE");
            assertThat(response.jsonPath().getString("errors[0].message"))
                    .contains("not configured");
        }
    }

    @Test
    void firebaseIdTokensAreRefusedWhenNotConfigured() {
        // An unsigned token with plausible claims: refused, never accepted unverified.
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header =
                b64.encodeToString(
                        "{\"alg\":\"RS256\",\"kid\":\"k\"}".getBytes(StandardCharsets.UTF_8));
        String claims =
                b64.encodeToString(
                        ("{\"iss\":\"https://securetoken.google.com/p\",\"aud\":\"p\",\"sub\":\"u1\","
                                        + "\"iat\":1700000000,\"exp\":4100000000}")
                                .getBytes(StandardCharsets.UTF_8));
        String token = header + "." + claims + "." + b64.encodeToString(new byte[256]);

        Response response = given().header("Authorization", "Bearer " + token).get("/test/whoami");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.jsonPath().getString("errors[0].extensions.code"))
                .isEqualTo("UNAUTHENTICATED");
        assertThat(response.jsonPath().getString("errors[0].message"))
                .contains("Firebase sign-in is not configured");
    }
}
