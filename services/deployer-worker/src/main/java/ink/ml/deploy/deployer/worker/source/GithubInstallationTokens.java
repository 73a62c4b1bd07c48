package ink.ml.deploy.deployer.worker.source;

/**
 * Short-lived tokens that let the deployer read the repositories of one GitHub App installation.
 */
public interface GithubInstallationTokens {

    /**
     * A token valid for at least a few minutes more.
     *
     * @throws GithubTokenException when GitHub refuses or cannot be reached
     */
    String tokenFor(long installationId);
}
