package ink.ml.deploy.deployer.worker.source;

import ink.ml.deploy.gitauth.GitAccess;
import ink.ml.deploy.gitauth.GitTokenSigner;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A fresh read token per clone, signed with the key the git-server verifies with ({@code
 * mcpdeploy.git-tokens.*}): scoped to the one repository being cloned, and expiring soon after the
 * clone's own deadline, so a token that leaked from a build would be of no use for long.
 */
public final class SignedGitServerTokens implements GitServerTokens {
    private final GitTokenSigner signer;
    private final Duration ttl;

    /**
     * @param ttl how long each token works: at least the longest a clone may take
     */
    public SignedGitServerTokens(GitTokenSigner signer, Duration ttl) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
    }

    /**
     * @param repository the repository's path on the git-server, {@code {user}/{project}/{repo}}
     */
    @Override
    public Optional<String> tokenFor(String repository) {
        return Optional.of(signer.mint(repository, GitAccess.READ, ttl).token());
    }
}
