package ink.ml.deploy.gitserver.tokens;

import ink.ml.deploy.gitauth.GitTokenKeys;
import ink.ml.deploy.gitauth.GitTokenVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires token verification from {@link GitTokenConfig}; a bad key fails the start, not a push. */
@ApplicationScoped
public class GitTokenBeans {

    @Produces
    @Singleton
    GitTokenVerifier gitTokenVerifier(GitTokenConfig config) {
        return new GitTokenVerifier(
                GitTokenKeys.of(config.keys(), config.activeKey()), Clock.systemUTC());
    }
}
