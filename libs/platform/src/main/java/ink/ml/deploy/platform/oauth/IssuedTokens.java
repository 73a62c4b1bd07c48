package ink.ml.deploy.platform.oauth;

import java.time.Instant;

/**
 * A token response: the only moment the tokens exist outside the client. Left out of {@link
 * #toString()} so no log line can carry them.
 */
public record IssuedTokens(
        String accessToken,
        Instant accessTokenExpiresAt,
        String refreshToken,
        String scope,
        String audience) {
    @Override
    public String toString() {
        return "IssuedTokens[expiresAt=" + accessTokenExpiresAt + ", audience=" + audience + "]";
    }
}
