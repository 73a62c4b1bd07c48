package ink.ml.deploy.gitserver.tokens;

import ink.ml.deploy.gitauth.GitTokenVerifier;
import ink.ml.deploy.gitauth.config.GitTokenConfig;
import ink.ml.deploy.gitserver.revocations.RevokedGitTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Wires token verification from {@link GitTokenConfig} and the revocation list on disk; a bad key
 * or an unreadable list fails the start, not a push.
 */
@ApplicationScoped
public class GitTokenBeans {

    @Produces
    @Singleton
    GitTokenVerifier gitTokenVerifier(GitTokenConfig config, RevokedGitTokens revoked) {
        return new GitTokenVerifier(config.toKeys(), Clock.systemUTC(), revoked);
    }
}
