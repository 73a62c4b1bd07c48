package ink.ml.deploy.deployer.worker.source;

import ink.ml.deploy.gitauth.GitTokenSigner;
import ink.ml.deploy.gitauth.config.GitTokenConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Wires the clone side from {@link SourceConfig}; the classes themselves stay plain for tests. */
@ApplicationScoped
public class SourceBeans {
    private static final Logger LOG = Logger.getLogger(SourceBeans.class);

    /**
     * Deletes the checkouts of deployer-workers that died mid-build ({@link AbandonedCheckouts}).
     */
    void deleteAbandonedCheckouts(@Observes StartupEvent start, SourceConfig config) {
        for (Path deleted : AbandonedCheckouts.deleteAtStart(checkouts(config))) {
            LOG.infof("deleted %s, left by a deployer-worker that stopped mid-build", deleted);
        }
    }

    @Produces
    @Singleton
    RepositoryCloner repositoryCloner(SourceConfig config) {
        Path workDir = AbandonedCheckouts.ownDirectory(checkouts(config));
        long maxBytes = config.maxRepoSize().asLongValue();
        Optional<Path> git =
                config.cloneWith() == SourceConfig.CloneWith.JGIT
                        ? Optional.empty()
                        : GitBinary.find(config.gitBinary(), System.getenv("PATH"));
        if (git.isPresent()) {
            LOG.infof("cloning with the git CLI %s", git.get());
            return new GitCliRepositoryCloner(
                    git.get(), workDir, maxBytes, config.cloneTimeout(), Clock.systemUTC());
        }
        if (config.cloneWith() == SourceConfig.CloneWith.GIT_CLI) {
            throw new IllegalStateException(
                    "mcpdeploy.source.git-binary: "
                            + config.gitBinary()
                            + " is not an executable (on PATH), and mcpdeploy.source.clone-with"
                            + " is git-cli");
        }
        LOG.infof(
                config.cloneWith() == SourceConfig.CloneWith.JGIT
                        ? "cloning with JGit (mcpdeploy.source.clone-with=jgit)"
                        : "cloning with JGit: no git binary \"%s\" found",
                config.gitBinary());
        return new JGitRepositoryCloner(
                workDir, maxBytes, config.cloneTimeout(), Clock.systemUTC());
    }

    private static Path checkouts(SourceConfig config) {
        return Path.of(config.workDir().orElse(System.getProperty("java.io.tmpdir")))
                .resolve("mcpdeploy-checkouts");
    }

    @Produces
    @Singleton
    RemoteRepositories remoteRepositories(SourceConfig config, GitTokenConfig tokens) {
        GithubInstallationTokens githubTokens =
                new GithubAppInstallationTokens(
                        config.github().appId(),
                        config.github().privateKey(),
                        URI.create(config.github().apiUrl()),
                        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
                        Clock.systemUTC());
        return new RemoteRepositories(
                config.github().cloneUrl(),
                config.gitServer().url(),
                githubTokens,
                new SignedGitServerTokens(
                        new GitTokenSigner(tokens.toKeys(), Clock.systemUTC()),
                        // The token only has to outlive the clone it is minted for.
                        config.cloneTimeout().plusMinutes(1)));
    }
}
