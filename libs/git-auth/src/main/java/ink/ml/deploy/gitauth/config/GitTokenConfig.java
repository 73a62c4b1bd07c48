package ink.ml.deploy.gitauth.config;

import ink.ml.deploy.gitauth.GitTokenKeys;
import io.smallrye.config.ConfigMapping;
import java.util.Map;
import java.util.Optional;

/**
 * The keys git tokens are signed and verified with ({@code mcpdeploy.git-tokens.*}), mapped once
 * for every side: the product plane (graphql, mcp: signs push tokens), the deployer-worker (signs
 * its read tokens) and the git-server (only verifies). Values only from the environment: {@code
 * MCPDEPLOY_GIT_TOKENS_KEYS_<ID>} per key, {@code MCPDEPLOY_GIT_TOKENS_ACTIVE_KEY}.
 *
 * <p>Both are optional here, so a service that never touches a git token starts without them. What
 * a side needs is checked where it builds its signer or verifier ({@link #toKeys()} and {@link
 * ink.ml.deploy.gitauth.GitTokenSigner}), with a message naming the property.
 */
@ConfigMapping(prefix = "mcpdeploy.git-tokens")
public interface GitTokenConfig {
    /**
     * Base64 of at least 32 random bytes, by key id. Every key listed verifies; keep an old id
     * until the tokens it signed have expired, or remove it to cut them all at once.
     */
    Map<String, String> keys();

    /** The id of the key that signs new tokens; not needed where tokens are only verified. */
    Optional<String> activeKey();

    /**
     * The validated keys.
     *
     * @throws IllegalArgumentException naming the property at fault (no key, a bad key, an active
     *     key that is not listed)
     */
    default GitTokenKeys toKeys() {
        return GitTokenKeys.of(keys(), activeKey());
    }
}
