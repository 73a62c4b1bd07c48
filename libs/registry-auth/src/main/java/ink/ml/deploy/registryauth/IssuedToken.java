package ink.ml.deploy.registryauth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A registry bearer token and what it allows, as the token realm answers it ({@code token}, {@code
 * expires_in}, {@code issued_at}). Its {@code toString} never shows the token.
 */
public record IssuedToken(
        String token, Duration expiresIn, Instant issuedAt, List<RegistryScope> access) {

    @Override
    public String toString() {
        return "IssuedToken[access=" + access + ", expiresIn=" + expiresIn + "]";
    }
}
