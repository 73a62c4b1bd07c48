package ink.ml.deploy.deployer.worker.source;

import io.smallrye.config.ConfigMapping;
import java.util.Map;

/**
 * The keys the deployer signs its git-server read tokens with ({@link
 * ink.ml.deploy.gitauth.GitTokenKeys}): the same {@code mcpdeploy.git-tokens.*} as the product
 * plane and the git-server. Only from the environment ({@code MCPDEPLOY_GIT_TOKENS_KEYS_K1}).
 */
@ConfigMapping(prefix = "mcpdeploy.git-tokens")
public interface GitTokenConfig {
    /** Base64 of at least 32 random bytes, by key id. */
    Map<String, String> keys();

    /** The id of the key that signs. */
    String activeKey();
}
