package ink.ml.deploy.gitauth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Mints git tokens with the active key: the product plane for users (push), the deployer for itself
 * (read, per clone). Thread-safe.
 */
public final class GitTokenSigner {
    private static final int ID_BYTES = 16;

    private final GitTokenKeys keys;
    private final Clock clock;
    private final SecureRandom random;

    public GitTokenSigner(GitTokenKeys keys, Clock clock) {
        this(keys, clock, new SecureRandom());
    }

    GitTokenSigner(GitTokenKeys keys, Clock clock, SecureRandom random) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        keys.activeKeyId();
    }

    /**
     * @param repoPath the repository, e.g. {@code alice/shop/web}
     * @param ttl how long it works, rounded up to the second; positive
     * @throws IllegalArgumentException for a malformed repository path or a non-positive ttl
     */
    public MintedGitToken mint(String repoPath, GitAccess access, Duration ttl) {
        if (!GitTokenFormat.isRepoPath(repoPath)) {
            throw new IllegalArgumentException(
                    "repoPath: must be lowercase segments of letters, digits, '.', '_' and '-'"
                            + " joined by '/'");
        }
        Objects.requireNonNull(access, "access");
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl: must be positive");
        }
        Instant expiresAt =
                clock.instant().plus(ttl).plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
        byte[] id = new byte[ID_BYTES];
        random.nextBytes(id);
        String keyId = keys.activeKeyId();
        GitTokenClaims claims =
                new GitTokenClaims(
                        keyId, repoPath, access, expiresAt, HexFormat.of().formatHex(id));
        String signedPart =
                GitTokenFormat.PREFIX
                        + GitTokenFormat.encode(
                                GitTokenFormat.utf8(GitTokenFormat.payload(claims)));
        byte[] mac = GitTokenFormat.mac(keys.key(keyId).orElseThrow(), signedPart);
        return new MintedGitToken(signedPart + "." + GitTokenFormat.encode(mac), claims);
    }
}
