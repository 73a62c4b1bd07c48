package ink.ml.deploy.platform.repos;

import ink.ml.deploy.gitauth.GitTokenKeys;
import ink.ml.deploy.gitauth.GitTokenSigner;
import ink.ml.deploy.gitauth.GitTokenVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * The product plane's signer and verifier of git tokens, built from {@link GitTokenConfig} on first
 * use, so that services which never touch git tokens need no keys.
 */
@ApplicationScoped
public class GitTokenSigning {
    private final GitTokenConfig config;
    private volatile GitTokenSigner signer;
    private volatile GitTokenVerifier verifier;

    public GitTokenSigning(GitTokenConfig config) {
        this.config = config;
    }

    public GitTokenSigner signer() {
        if (signer == null) {
            signer = new GitTokenSigner(keys(), Clock.systemUTC());
        }
        return signer;
    }

    public GitTokenVerifier verifier() {
        if (verifier == null) {
            verifier = new GitTokenVerifier(keys(), Clock.systemUTC());
        }
        return verifier;
    }

    private GitTokenKeys keys() {
        if (config.keys().isEmpty() || config.activeKey().isEmpty()) {
            throw new IllegalStateException(
                    "git tokens are not configured: set mcpdeploy.git-tokens.keys.<id> (base64 of"
                            + " 32+ random bytes, the git-server's too) and"
                            + " mcpdeploy.git-tokens.active-key");
        }
        return GitTokenKeys.of(config.keys(), config.activeKey());
    }
}
