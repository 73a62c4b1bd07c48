package ink.ml.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

/**
 * The minted ID tokens pass the checks graphql's Firebase tenant (quarkus-oidc, {@code
 * FirebaseTenant}) makes, here with a jose4j consumer of the same rules, keys fetched over HTTP
 * from the provider's JWKS.
 */
class LocalIdentityProviderTest {

    @Test
    void mintedTokenVerifiesAsGraphqlVerifiesFirebaseTokens() throws Exception {
        try (LocalIdentityProvider provider = LocalIdentityProvider.start()) {
            String token = provider.mint("local", "local@example.com", "Local User");

            JwtClaims claims =
                    graphqlConsumer(provider, provider.projectId()).processToClaims(token);

            assertThat(claims.getSubject()).isEqualTo("local");
            assertThat(claims.getIssuer())
                    .isEqualTo(
                            "https://securetoken.google.com/" + LocalIdentityProvider.PROJECT_ID);
            assertThat(claims.getAudience()).containsExactly(LocalIdentityProvider.PROJECT_ID);
            assertThat(claims.getClaimValue("email_verified")).isEqualTo(true);
            assertThat(claims.getStringClaimValue("email")).isEqualTo("local@example.com");
            assertThat(claims.getStringClaimValue("name")).isEqualTo("Local User");
            assertThat(claims.getNumericDateClaimValue("auth_time").getValue())
                    .isLessThanOrEqualTo(claims.getIssuedAt().getValue());
            assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue())
                    .isEqualTo(3600);
        }
    }

    @Test
    void tokenIsRefusedByAGraphqlOfAnotherProject() {
        try (LocalIdentityProvider provider = LocalIdentityProvider.start()) {
            String token = provider.mint("local", "local@example.com", "Local User");

            assertThatThrownBy(() -> graphqlConsumer(provider, "other").processToClaims(token))
                    .isInstanceOf(InvalidJwtException.class)
                    .hasMessageContaining("Audience");
        }
    }

    @Test
    void tokenOfAnotherRunsKeysDoesNotVerify() {
        try (LocalIdentityProvider provider = LocalIdentityProvider.start();
                LocalIdentityProvider otherRun = LocalIdentityProvider.start()) {
            String token = otherRun.mint("local", "local@example.com", "Local User");

            assertThatThrownBy(
                            () ->
                                    graphqlConsumer(provider, provider.projectId())
                                            .processToClaims(token))
                    .isInstanceOf(InvalidJwtException.class);
        }
    }

    @Test
    void tokenExpiresAfterAnHour() {
        Clock twoHoursAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        try (LocalIdentityProvider provider =
                LocalIdentityProvider.start(LocalIdentityProvider.PROJECT_ID, twoHoursAgo)) {
            String token = provider.mint("local", "local@example.com", "Local User");

            assertThatThrownBy(
                            () ->
                                    graphqlConsumer(provider, provider.projectId())
                                            .processToClaims(token))
                    .isInstanceOf(InvalidJwtException.class)
                    .satisfies(e -> assertThat(((InvalidJwtException) e).hasExpired()).isTrue());
        }
    }

    @Test
    void refusesAUidFirebaseWouldNotIssue() {
        try (LocalIdentityProvider provider = LocalIdentityProvider.start()) {
            assertThatThrownBy(() -> provider.mint("", "local@example.com", "Local User"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("uid: must be 1 to 128 characters");
            assertThatThrownBy(() -> provider.mint("local", "nobody", "Local User"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("email: \"nobody\" is not an email address");
        }
    }

    /**
     * graphql's Firebase rules (FirebaseTenant, FirebaseClaims), with its default 30 s clock skew.
     */
    private static JwtConsumer graphqlConsumer(LocalIdentityProvider provider, String projectId) {
        HttpsJwks keys = new HttpsJwks(provider.jwksUrl().toString());
        return new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(keys))
                .setJwsAlgorithmConstraints(
                        AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .setExpectedIssuer("https://securetoken.google.com/" + projectId)
                .setExpectedAudience(projectId)
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setIssuedAtRestrictions(30, Integer.MAX_VALUE)
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(30)
                .build();
    }
}
