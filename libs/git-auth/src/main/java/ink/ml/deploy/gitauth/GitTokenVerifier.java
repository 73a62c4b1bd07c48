package ink.ml.deploy.gitauth;

import ink.ml.deploy.gitauth.GitTokenRefusedException.Reason;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a presented git token against the repository and access a request needs, without a
 * database: the signature (constant-time, with the key its id names), then expiry, revocation,
 * repository and access. A single token is revoked through {@link GitTokenRevocations} (the
 * git-server's list, published by the product plane); every token of a key at once by removing the
 * key. Thread-safe.
 */
public final class GitTokenVerifier {
    private static final Pattern SHAPE =
            Pattern.compile("dpg_[A-Za-z0-9_-]{1,900}\\.[A-Za-z0-9_-]{43}");
    private static final Pattern TOKEN_ID = Pattern.compile("[0-9a-f]{32}");

    private final GitTokenKeys keys;
    private final Clock clock;
    private final GitTokenRevocations revocations;

    /** A verifier that knows of no revoked token. */
    public GitTokenVerifier(GitTokenKeys keys, Clock clock) {
        this(keys, clock, GitTokenRevocations.NONE);
    }

    public GitTokenVerifier(GitTokenKeys keys, Clock clock, GitTokenRevocations revocations) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.revocations = Objects.requireNonNull(revocations, "revocations");
    }

    /**
     * @return the token's claims, when it is genuine, unexpired, not revoked, for {@code repoPath}
     *     and allows {@code needed}
     * @throws GitTokenRefusedException otherwise, with the first reason found
     */
    public GitTokenClaims verify(String token, String repoPath, GitAccess needed)
            throws GitTokenRefusedException {
        GitTokenClaims claims = authentic(token);
        if (!clock.instant().isBefore(claims.expiresAt())) {
            throw new GitTokenRefusedException(Reason.EXPIRED);
        }
        if (revocations.isRevoked(claims.id())) {
            throw new GitTokenRefusedException(Reason.REVOKED);
        }
        if (!claims.repoPath().equals(repoPath)) {
            throw new GitTokenRefusedException(Reason.WRONG_REPO);
        }
        if (!claims.access().allows(needed)) {
            throw new GitTokenRefusedException(Reason.WRONG_ACCESS);
        }
        return claims;
    }

    /**
     * The claims of a genuine token, whatever they say (expired included): for the product plane's
     * audit list.
     */
    public GitTokenClaims authentic(String token) throws GitTokenRefusedException {
        if (token == null || token.length() > GitTokenFormat.MAX_LENGTH) {
            throw new GitTokenRefusedException(Reason.MALFORMED);
        }
        if (!SHAPE.matcher(token).matches()) {
            throw new GitTokenRefusedException(Reason.MALFORMED);
        }
        int dot = token.lastIndexOf('.');
        String signedPart = token.substring(0, dot);
        GitTokenClaims claims =
                parse(signedPart.substring(GitTokenFormat.PREFIX.length()))
                        .orElseThrow(() -> new GitTokenRefusedException(Reason.MALFORMED));
        byte[] key =
                keys.key(claims.keyId())
                        .orElseThrow(() -> new GitTokenRefusedException(Reason.UNKNOWN_KEY));
        byte[] presented = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        if (!MessageDigest.isEqual(GitTokenFormat.mac(key, signedPart), presented)) {
            throw new GitTokenRefusedException(Reason.BAD_SIGNATURE);
        }
        return claims;
    }

    /** Parses the payload; its fields are trusted only once the MAC has been checked. */
    private static Optional<GitTokenClaims> parse(String payloadPart) {
        String payload;
        try {
            payload = GitTokenFormat.utf8(Base64.getUrlDecoder().decode(payloadPart));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String[] fields = payload.split("\n", -1);
        if (fields.length != GitTokenFormat.FIELDS || !GitTokenFormat.VERSION.equals(fields[0])) {
            return Optional.empty();
        }
        Optional<GitAccess> access = GitAccess.fromValue(fields[3]);
        if (!GitTokenFormat.isRepoPath(fields[2])
                || access.isEmpty()
                || !TOKEN_ID.matcher(fields[5]).matches()) {
            return Optional.empty();
        }
        Instant expiresAt;
        try {
            expiresAt = Instant.ofEpochSecond(Long.parseLong(fields[4]));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return Optional.of(
                new GitTokenClaims(fields[1], fields[2], access.get(), expiresAt, fields[5]));
    }
}
