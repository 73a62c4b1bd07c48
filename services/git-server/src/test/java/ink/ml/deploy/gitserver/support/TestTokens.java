package ink.ml.deploy.gitserver.support;

import ink.ml.deploy.gitauth.GitAccess;
import ink.ml.deploy.gitauth.GitTokenKeys;
import ink.ml.deploy.gitauth.GitTokenSigner;
import ink.ml.deploy.gitauth.MintedGitToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/** Tokens signed like the product plane signs them, with the test key of application.properties. */
public final class TestTokens {
    public static final String KEY_ID = "test-1";
    public static final String KEY = "Kq3Qm5Qb7vZ2mUj0cS9m4Q2x1XW5yq1cJ8b4a0F2H6E=";
    private static final GitTokenKeys KEYS =
            GitTokenKeys.of(Map.of(KEY_ID, KEY), Optional.of(KEY_ID));

    private TestTokens() {}

    public static String push(String repoPath) {
        return new GitTokenSigner(KEYS, Clock.systemUTC())
                .mint(repoPath, GitAccess.PUSH, Duration.ofMinutes(10))
                .token();
    }

    /** A push token with its claims, for a test that needs the token's id (revocation). */
    public static MintedGitToken mintPush(String repoPath) {
        return new GitTokenSigner(KEYS, Clock.systemUTC())
                .mint(repoPath, GitAccess.PUSH, Duration.ofMinutes(10));
    }

    public static String read(String repoPath) {
        return new GitTokenSigner(KEYS, Clock.systemUTC())
                .mint(repoPath, GitAccess.READ, Duration.ofMinutes(10))
                .token();
    }

    /** A push token that expired an hour ago. */
    public static String expiredPush(String repoPath) {
        Clock twoHoursAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        return new GitTokenSigner(KEYS, twoHoursAgo)
                .mint(repoPath, GitAccess.PUSH, Duration.ofHours(1))
                .token();
    }

    /** A well-formed push token signed with a key the server does not have. */
    public static String forgedPush(String repoPath) {
        GitTokenKeys other =
                GitTokenKeys.of(
                        Map.of(KEY_ID, "GpK2bXVC/P5SpVNKs9Ig/NF7tYam0wEreExmQrbVBbI="),
                        Optional.of(KEY_ID));
        return new GitTokenSigner(other, Clock.systemUTC())
                .mint(repoPath, GitAccess.PUSH, Duration.ofMinutes(10))
                .token();
    }
}
