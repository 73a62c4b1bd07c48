package ink.ml.deploy.registryauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryAuthorityTest {
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final RegistryAuthSettings SETTINGS =
            new RegistryAuthSettings(
                    "mcpdeploy", "mcpdeploy-registry", "base", Duration.ofMinutes(5));

    private final RegistryAuthority authority = at(NOW);

    private static RegistryAuthority at(Instant instant) {
        return new RegistryAuthority(
                TestSigningKeys.signing(), SETTINGS, Clock.fixed(instant, ZoneOffset.UTC));
    }

    private static String basic(RegistryCredential credential) {
        return "Basic " + credential.dockerAuth();
    }

    private static JsonNode claims(IssuedToken token) {
        return CompactJws.verifiedClaims(token.token(), TestSigningKeys.signing().publicKey());
    }

    @Test
    void buildCredentialGetsPushAndPullOnItsOwnNamespaceOnly() {
        RegistryCredential build =
                authority.credential("dp-u1-shop", RegistryRole.BUILD, Duration.ofMinutes(40));

        IssuedToken token =
                authority.exchange(
                        basic(build),
                        "mcpdeploy-registry",
                        List.of(
                                "repository:dp-u1-shop/web:pull,push",
                                "repository:dp-u2-blog/api:pull",
                                "repository:dp-u1-shopping/web:pull",
                                "repository:base/debian:pull,push",
                                "registry:catalog:*"));

        assertThat(token.access())
                .containsExactly(
                        RegistryScope.repository("dp-u1-shop/web", "pull", "push"),
                        RegistryScope.repository("dp-u2-blog/api"),
                        RegistryScope.repository("dp-u1-shopping/web"),
                        RegistryScope.repository("base/debian", "pull"),
                        new RegistryScope("registry", "catalog", java.util.Set.of()));
        JsonNode claims = claims(token);
        assertThat(claims.path("aud").asText()).isEqualTo("mcpdeploy-registry");
        assertThat(claims.path("iss").asText()).isEqualTo("mcpdeploy");
        assertThat(claims.path("access").get(1).path("actions")).isEmpty();
        assertThat(token.expiresIn()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void pullCredentialNeverPushes() {
        RegistryCredential pull =
                authority.credential("dp-u1-shop", RegistryRole.PULL, Duration.ofDays(365));

        IssuedToken token =
                authority.exchange(
                        basic(pull), null, List.of("repository:dp-u1-shop/web:pull,push"));

        assertThat(token.access())
                .containsExactly(RegistryScope.repository("dp-u1-shop/web", "pull"));
    }

    @Test
    void tokenNeverOutlivesItsCredential() {
        RegistryCredential shortLived =
                authority.credential("dp-u1-shop", RegistryRole.BUILD, Duration.ofMinutes(2));

        IssuedToken token = authority.exchange(basic(shortLived), null, List.of());

        assertThat(token.expiresIn()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void refusesAnonymousAndMalformedBasicCredentials() {
        for (String header :
                new String[] {
                    null,
                    "Bearer x",
                    "Basic !!!",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString("nocolon".getBytes(StandardCharsets.UTF_8))
                }) {
            assertThatThrownBy(() -> authority.exchange(header, null, List.of()))
                    .as(String.valueOf(header))
                    .isInstanceOf(RegistryAuthException.class);
        }
    }

    @Test
    void refusesCredentialPresentedUnderAnotherNamespace() {
        RegistryCredential mine =
                authority.credential("dp-u1-shop", RegistryRole.BUILD, Duration.ofMinutes(40));

        RegistryCredential relabelled = new RegistryCredential("dp-u2-blog", mine.password());

        assertThatThrownBy(() -> authority.exchange(basic(relabelled), null, List.of()))
                .isInstanceOf(RegistryAuthException.class)
                .hasMessageContaining("another user name");
    }

    @Test
    void refusesExpiredCredential() {
        RegistryCredential credential =
                authority.credential("dp-u1-shop", RegistryRole.BUILD, Duration.ofMinutes(40));

        RegistryAuthority later = at(NOW.plus(Duration.ofMinutes(41)));

        assertThatThrownBy(() -> later.exchange(basic(credential), null, List.of()))
                .isInstanceOf(RegistryAuthException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void refusesCredentialSignedByAnotherKey() {
        RegistryAuthority stranger =
                new RegistryAuthority(
                        TestSigningKeys.other(), SETTINGS, Clock.fixed(NOW, ZoneOffset.UTC));
        RegistryCredential forged =
                stranger.credential("dp-u1-shop", RegistryRole.BUILD, Duration.ofMinutes(40));

        assertThatThrownBy(() -> authority.exchange(basic(forged), null, List.of()))
                .isInstanceOf(RegistryAuthException.class);
    }

    @Test
    void registryTokenIsNotACredential() {
        RegistryCredential credential =
                authority.credential("dp-u1-shop", RegistryRole.PULL, Duration.ofMinutes(40));
        IssuedToken token = authority.exchange(basic(credential), null, List.of());

        RegistryCredential tokenAsPassword = new RegistryCredential("dp-u1-shop", token.token());

        assertThatThrownBy(() -> authority.exchange(basic(tokenAsPassword), null, List.of()))
                .isInstanceOf(RegistryAuthException.class);
    }

    @Test
    void refusesAnotherServiceAndTooManyScopes() {
        RegistryCredential credential =
                authority.credential("dp-u1-shop", RegistryRole.PULL, Duration.ofMinutes(40));

        assertThatThrownBy(() -> authority.exchange(basic(credential), "other", List.of()))
                .isInstanceOf(RegistryAuthException.class);
        List<String> many = java.util.Collections.nCopies(17, "repository:dp-u1-shop/web:pull");
        assertThatThrownBy(() -> authority.exchange(basic(credential), null, many))
                .isInstanceOf(RegistryAuthException.class);
    }

    @Test
    void credentialsNeverShowTheirSecretsInText() {
        RegistryCredential credential =
                authority.credential("dp-u1-shop", RegistryRole.BUILD, Duration.ofMinutes(40));
        IssuedToken token = authority.exchange(basic(credential), null, List.of());

        assertThat(credential.toString()).doesNotContain(credential.password());
        assertThat(token.toString()).doesNotContain(token.token());
    }

    @Test
    void refusesKeyAndCertificateThatDoNotMatch() {
        assertThatThrownBy(
                        () ->
                                RegistrySigningKey.fromPem(
                                        TestSigningKeys.resource("signing-key.pem"),
                                        TestSigningKeys.resource("other-cert.pem")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("PRIVATE");
    }
}
