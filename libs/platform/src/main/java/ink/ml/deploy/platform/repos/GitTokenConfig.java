package ink.ml.deploy.platform.repos;

import io.smallrye.config.ConfigMapping;
import java.util.Map;
import java.util.Optional;

/**
 * The keys git tokens are signed with ({@link ink.ml.deploy.gitauth.GitTokenKeys}), shared with the
 * git-server (which verifies) and the deployer-worker (which signs its own read tokens). Values
 * only from the environment in production ({@code MCPDEPLOY_GIT_TOKENS_KEYS_K1}, {@code
 * MCPDEPLOY_GIT_TOKENS_ACTIVE_KEY}); tests set their own.
 *
 * <p>Optional here so that a service that never issues git tokens starts without them; issuing one
 * without keys fails with a message naming the properties.
 */
@ConfigMapping(prefix = "mcpdeploy.git-tokens")
public interface GitTokenConfig {
    /** Base64 of at least 32 random bytes, by key id; old ids stay until their tokens expired. */
    Map<String, String> keys();

    /** The id of the key that signs new tokens. */
    Optional<String> activeKey();
}
