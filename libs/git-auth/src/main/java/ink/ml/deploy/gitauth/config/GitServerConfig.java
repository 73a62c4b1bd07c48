package ink.ml.deploy.gitauth.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The platform's git server ({@code mcpdeploy.git-server.*}), mapped once for every side: the
 * product plane reads where clients reach it ({@link #publicUrl()}) and which queue its revocations
 * go to ({@link #region()}); the git-server reads where it keeps repositories and what a client may
 * do. One environment variable per value, SmallRye's name for the key (e.g. {@code
 * MCPDEPLOY_GIT_SERVER_PUBLIC_URL}).
 */
@ConfigMapping(prefix = "mcpdeploy.git-server")
public interface GitServerConfig {

    /**
     * The base URL git clients use from outside; a repository's remote is {@code
     * {public-url}/{user}/{project}/{repo}.git} (libs/platform {@code GitRemotes}).
     */
    @WithDefault("https://git.ml.ink")
    String publicUrl();

    /**
     * The region of the cluster the git-server runs in: it polls the Temporal queue {@code
     * git-server-{region}} ({@code TaskQueues.gitServer}), where the product plane sends the
     * revocations of git tokens.
     */
    @WithDefault("eu-central-1")
    String region();

    /**
     * Directory of the bare repositories, laid out as {@code {user}/{project}/{repo}.git}, and of
     * the list of revoked tokens: {@code /mnt/git-repos} in the cluster (a persistent volume: it is
     * the source of truth of internal repositories, back it up).
     */
    @WithDefault("/mnt/git-repos")
    String root();

    /** Largest pack one push may send; a bigger push is refused and nothing is stored. */
    @WithDefault("200M")
    MemorySize maxPushSize();

    /** Largest single object (file) a push may contain. */
    @WithDefault("50M")
    MemorySize maxObjectSize();

    /** Repositories one user may have on the server; the first push to one more is refused. */
    @WithDefault("100")
    int maxReposPerOwner();

    /**
     * Longest a push or fetch may sit without the client sending or receiving anything; a stalled
     * client is then cut off and its half-sent push discarded.
     */
    @WithDefault("2m")
    Duration idleTimeout();
}
