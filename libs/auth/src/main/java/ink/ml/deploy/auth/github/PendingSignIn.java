package ink.ml.deploy.auth.github;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;

/**
 * A GitHub sign-in started in one browser: the {@code state} GitHub must echo back, the PKCE
 * verifier, where to return afterwards (the front door's own value: the MCP authorization request
 * to resume; empty for the dashboard) and until when the callback accepts it. It travels in a
 * sealed HttpOnly cookie ({@link PendingSignInCookie}), so the server keeps no table of
 * half-finished sign-ins and the callback only works in the browser that started it.
 */
public record PendingSignIn(String state, String verifier, String returnTo, Instant expiresAt) {
    public static PendingSignIn start(Instant now, Duration timeout, String returnTo) {
        return new PendingSignIn(
                Pkce.randomToken(), Pkce.randomVerifier(), returnTo, now.plus(timeout));
    }

    public boolean isExpiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }

    /** Constant-time: how much of a guessed state is right never shows in the timing. */
    public boolean stateMatches(String presented) {
        return presented != null
                && MessageDigest.isEqual(
                        state.getBytes(StandardCharsets.UTF_8),
                        presented.getBytes(StandardCharsets.UTF_8));
    }

    /** Never prints the state or the verifier. */
    @Override
    public String toString() {
        return "PendingSignIn[expiresAt=" + expiresAt + "]";
    }
}
