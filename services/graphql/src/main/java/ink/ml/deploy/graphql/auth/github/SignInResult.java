package ink.ml.deploy.graphql.auth.github;

import java.time.Instant;

/**
 * The callback's JSON answer when no dashboard URL is configured: the session token to send as
 * {@code Authorization: Bearer …}, when it expires, and who signed in.
 */
public record SignInResult(String token, Instant expiresAt, String userId) {
    @Override
    public String toString() {
        return "SignInResult[userId=" + userId + ", expiresAt=" + expiresAt + "]";
    }
}
