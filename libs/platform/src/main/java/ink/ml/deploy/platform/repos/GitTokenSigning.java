package ink.ml.deploy.platform.repos;

import ink.ml.deploy.gitauth.GitTokenSigner;
import ink.ml.deploy.gitauth.config.GitTokenConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * The product plane's signer of git tokens, built from {@link GitTokenConfig} on first use, so that
 * services which never issue git tokens need no keys.
 */
@ApplicationScoped
public class GitTokenSigning {
    private final GitTokenConfig config;
    private volatile GitTokenSigner signer;

    public GitTokenSigning(GitTokenConfig config) {
        this.config = config;
    }

    public GitTokenSigner signer() {
        if (signer == null) {
            if (config.keys().isEmpty() || config.activeKey().isEmpty()) {
                throw new IllegalStateException(
                        "git tokens are not configured: set mcpdeploy.git-tokens.keys.<id> (base64"
                                + " of 32+ random bytes, the git-server's too) and"
                                + " mcpdeploy.git-tokens.active-key");
            }
            signer = new GitTokenSigner(config.toKeys(), Clock.systemUTC());
        }
        return signer;
    }
}
