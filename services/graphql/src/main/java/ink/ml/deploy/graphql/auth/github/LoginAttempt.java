package ink.ml.deploy.graphql.auth.github;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;

/**
 * A GitHub sign-in started in one browser: the {@code state} GitHub must echo back, the PKCE
 * verifier, and until when the callback accepts it. It travels in a sealed HttpOnly cookie, so the
 * server keeps no table of half-finished sign-ins and the callback only works in the browser that
 * started it.
 */
record LoginAttempt(String state, String verifier, Instant expiresAt) {
    static LoginAttempt start(Instant now, java.time.Duration timeout) {
        return new LoginAttempt(Pkce.randomToken(), Pkce.randomVerifier(), now.plus(timeout));
    }

    boolean isExpiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }

    /** Constant-time: how much of a guessed state is right never shows in the timing. */
    boolean stateMatches(String presented) {
        return presented != null
                && MessageDigest.isEqual(
                        state.getBytes(StandardCharsets.US_ASCII),
                        presented.getBytes(StandardCharsets.US_ASCII));
    }

    /** Never prints the state or the verifier. */
    @Override
    public String toString() {
        return "LoginAttempt[expiresAt=" + expiresAt + "]";
    }
}
