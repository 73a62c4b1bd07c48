package ink.ml.deploy.registryauth;

import java.time.Duration;
import java.util.Objects;

/**
 * How the registry is configured to trust tokens ({@code auth.token} of its config) and what tokens
 * may reach besides a project's own namespace.
 *
 * @param issuer the registry's {@code auth.token.issuer}
 * @param service the registry's {@code auth.token.service}: tokens' audience
 * @param baseNamespace the namespace of the platform's base images, pull-only for everyone
 * @param tokenLifetime how long a bearer token lasts (a credential's grant may cut it shorter)
 */
public record RegistryAuthSettings(
        String issuer, String service, String baseNamespace, Duration tokenLifetime) {

    public RegistryAuthSettings {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(baseNamespace, "baseNamespace");
        if (tokenLifetime == null || tokenLifetime.isNegative() || tokenLifetime.isZero()) {
            throw new IllegalArgumentException("tokenLifetime must be positive");
        }
    }
}
