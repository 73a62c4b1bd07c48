package ink.ml.deploy.graphql.auth.firebase;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.Optional;

/**
 * Firebase ID tokens as bearer credentials (optional). Without a project id every Firebase ID token
 * is refused: never accepted unverified.
 */
@ConfigMapping(prefix = "mcpdeploy.firebase")
public interface FirebaseConfig {
    /**
     * The Firebase project whose tokens are accepted: the required audience, and the issuer {@code
     * https://securetoken.google.com/<projectId>}.
     */
    Optional<String> projectId();

    /** Google's public keys for Firebase ID tokens (JWKS); tests point it at WireMock. */
    @WithDefault(
            "https://www.googleapis.com/service_accounts/v1/jwk/securetoken@system.gserviceaccount.com")
    URI jwksUrl();

    /**
     * Leeway for clock differences when checking {@code exp}, {@code iat} and {@code auth_time}.
     */
    @WithDefault("30")
    int clockSkewSeconds();

    default boolean enabled() {
        return projectId().filter(id -> !id.isBlank()).isPresent();
    }
}
