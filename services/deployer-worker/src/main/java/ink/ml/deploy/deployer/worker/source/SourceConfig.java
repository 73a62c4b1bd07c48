package ink.ml.deploy.deployer.worker.source;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Where the deployer clones from, with which credentials, and within which limits. */
@ConfigMapping(prefix = "mcpdeploy.source")
public interface SourceConfig {

    /** Parent directory of the temporary checkouts; defaults to {@code java.io.tmpdir}. */
    Optional<String> workDir();

    /** Largest checkout on disk (pack plus working tree); a bigger repository is refused. */
    @WithDefault("500M")
    MemorySize maxRepoSize();

    /** Longest a clone may take, network included; a slower one is refused. */
    @WithDefault("5m")
    Duration cloneTimeout();

    /**
     * Which {@link RepositoryCloner} clones: {@code auto} (the git CLI when {@link #gitBinary()} is
     * found, else JGit), {@code git-cli} (fails at startup without the binary) or {@code jgit}.
     */
    @WithDefault("auto")
    CloneWith cloneWith();

    /**
     * The git CLI: a name looked up on {@code PATH}, or an absolute path. Needs git 2.32 or newer
     * (configuration through {@code GIT_CONFIG_COUNT}, {@code GIT_CONFIG_GLOBAL}).
     */
    @WithDefault("git")
    String gitBinary();

    enum CloneWith {
        AUTO,
        GIT_CLI,
        JGIT
    }

    Github github();

    GitServer gitServer();

    /** The GitHub App through which customer repositories are cloned. */
    interface Github {
        /** The App's id (the JWT issuer); from the environment. */
        Optional<String> appId();

        /**
         * The App's private key, PEM (PKCS#1 as GitHub hands it out, or PKCS#8); a secret, from the
         * environment only.
         */
        Optional<String> privateKey();

        @WithDefault("https://api.github.com")
        String apiUrl();

        /** Repositories are cloned from {@code {clone-url}/{owner}/{name}.git}. */
        @WithDefault("https://github.com")
        String cloneUrl();
    }

    /** The platform's internal git server ({@code services/git-server}). */
    interface GitServer {
        /**
         * Repositories are cloned from {@code {url}/{user}/{project}/{repo}.git}, with a read token
         * signed per clone ({@link ink.ml.deploy.gitauth.config.GitTokenConfig}).
         */
        @WithDefault("http://git-server.dp-system.svc.cluster.local:8086")
        String url();
    }
}
