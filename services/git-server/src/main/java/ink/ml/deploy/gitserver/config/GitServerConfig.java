package ink.ml.deploy.gitserver.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where the git-server keeps its bare repositories, and the limits of what a client may do. */
@ConfigMapping(prefix = "mcpdeploy.git-server")
public interface GitServerConfig {

    /**
     * Directory of the bare repositories, laid out as {@code {user}/{project}/{repo}.git}: {@code
     * /mnt/git-repos} in the cluster (a persistent volume: it is the source of truth of internal
     * repositories, back it up).
     */
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
