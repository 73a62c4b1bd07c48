package ink.ml.deploy.gitserver.tokens;

import io.smallrye.config.ConfigMapping;
import java.util.Map;
import java.util.Optional;

/**
 * The keys git tokens are verified with ({@link ink.ml.deploy.gitauth.GitTokenKeys}): the same
 * {@code mcpdeploy.git-tokens.*} values as the product plane and the deployer-worker, which sign
 * them. Only from the environment in production ({@code MCPDEPLOY_GIT_TOKENS_KEYS_K1}).
 */
@ConfigMapping(prefix = "mcpdeploy.git-tokens")
public interface GitTokenConfig {
    /** Base64 of at least 32 random bytes, by key id; every key still accepted. */
    Map<String, String> keys();

    /** The signing key's id: not needed here (the git-server only verifies). */
    Optional<String> activeKey();
}
