package ink.ml.deploy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerAuthenticationMechanismTest {
    @Test
    void theBearerSchemeIsMatchedInAnyCaseAndNeedsAToken() {
        assertThat(BearerAuthenticationMechanism.isBearer("Bearer dk_live_x")).isTrue();
        assertThat(BearerAuthenticationMechanism.isBearer("bearer dk_live_x")).isTrue();
        assertThat(BearerAuthenticationMechanism.isBearer("Bearer")).isFalse();
        assertThat(BearerAuthenticationMechanism.isBearer("Bearer ")).isFalse();
        assertThat(BearerAuthenticationMechanism.isBearer("Basic dXNlcjpwYXNz")).isFalse();
        assertThat(BearerAuthenticationMechanism.isBearer("Bearerdk_live_x")).isFalse();
    }

    @Test
    void apiKeysAndSessionsAreSortedByPrefixAndOtherShapesAreLeftToTheFrontDoor() {
        assertThat(BearerAuthenticationMechanism.platformCredential("dk_live_abc"))
                .containsInstanceOf(BearerTokenRequest.ApiKey.class);
        assertThat(BearerAuthenticationMechanism.platformCredential("dk_sess_abc"))
                .containsInstanceOf(BearerTokenRequest.Session.class);
        assertThat(BearerAuthenticationMechanism.platformCredential("dk_at_abc")).isEmpty();
        assertThat(BearerAuthenticationMechanism.platformCredential("eyJ.a.b")).isEmpty();
    }

    @Test
    void aRequestNeverPrintsItsToken() {
        assertThat(new BearerTokenRequest.ApiKey("dk_live_secret").toString())
                .doesNotContain("dk_live_secret");
    }
}
