package ink.ml.deploy.mcp.oauth.github;

import java.time.Instant;

/**
 * A GitHub sign-in started from {@code /oauth/authorize}: the {@code state} GitHub must echo, the
 * PKCE verifier of the GitHub leg, the authorization request to return to, and a deadline.
 */
record PendingSignIn(String state, String verifier, String authorizeQuery, Instant expiresAt) {
    boolean isExpiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }

    @Override
    public String toString() {
        return "PendingSignIn[expiresAt=" + expiresAt + "]";
    }
}
