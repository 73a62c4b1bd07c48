package ink.ml.deploy.deployer.worker.source;

import ink.ml.deploy.gitauth.GitTokenKeys;
import ink.ml.deploy.gitauth.GitTokenSigner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** Wires the clone side from {@link SourceConfig}; the classes themselves stay plain for tests. */
@ApplicationScoped
public class SourceBeans {

    @Produces
    @Singleton
    RepositoryCloner repositoryCloner(SourceConfig config) {
        Path workDir =
                Path.of(config.workDir().orElse(System.getProperty("java.io.tmpdir")))
                        .resolve("mcpdeploy-checkouts");
        return new RepositoryCloner(
                workDir,
                config.maxRepoSize().asLongValue(),
                config.cloneTimeout(),
                Clock.systemUTC());
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
                        new GitTokenSigner(
                                GitTokenKeys.of(tokens.keys(), Optional.of(tokens.activeKey())),
                                Clock.systemUTC()),
                        // The token only has to outlive the clone it is minted for.
                        config.cloneTimeout().plusMinutes(1)));
    }
}
