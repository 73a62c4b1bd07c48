package ink.ml.deploy.deployer.worker.source;

import java.util.Optional;

/**
 * One token from configuration for every internal repository. Scoped, expiring per-repository
 * tokens minted by the git-server are a later issue; this keeps the seam for them.
 */
public final class ConfiguredGitServerTokens implements GitServerTokens {
    private final Optional<String> token;

    public ConfiguredGitServerTokens(Optional<String> token) {
        this.token = token.filter(value -> !value.isBlank());
    }

    @Override
    public Optional<String> tokenFor(String repository) {
        return token;
    }
}
