package ink.ml.deploy.mcp.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Registration is open, so one address may only register a few clients a minute. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@TestProfile(ClientRegistrationRateLimitTest.TenPerHour.class)
class ClientRegistrationRateLimitTest {
    /**
     * The production burst of 10, refilled over an hour rather than a minute so that no token comes
     * back while a slow machine sends the 200 requests (TokenBucketsTest covers the refill). The
     * other tests register freely from the one test address.
     */
    public static class TenPerHour implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mcpdeploy.mcp.oauth.registration.per-address-limit", "10",
                    "mcpdeploy.mcp.oauth.registration.per-address-period", "PT1H");
        }
    }

    @Test
    void twoHundredQuickRegistrationsFromOneAddressGetTenClientsAndThen429() {
        List<Response> responses = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            responses.add(OAuthDance.registration("Burst " + i, OAuthDance.REDIRECT_URI));
        }

        assertThat(responses.stream().filter(r -> r.statusCode() == 201)).hasSize(10);
        List<Response> refused = responses.subList(10, 200);
        assertThat(refused).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(429));
        Response first = refused.get(0);
        assertThat(first.contentType()).startsWith("application/json");
        assertThat(first.header("Cache-Control")).contains("no-store");
        assertThat(first.<String>path("error")).isEqualTo("temporarily_unavailable");
        assertThat(first.<String>path("error_description")).contains("at most 10 per 3600 s");
        // One registration comes back every 6 minutes (10 an hour).
        assertThat(Integer.parseInt(first.header("Retry-After"))).isBetween(300, 360);
    }
}
