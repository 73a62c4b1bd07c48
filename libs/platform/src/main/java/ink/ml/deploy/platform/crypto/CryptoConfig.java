package ink.ml.deploy.platform.crypto;

import io.smallrye.config.ConfigMapping;
import java.util.Map;

/**
 * Keys for data at rest. Values only from the environment in production (e.g. {@code
 * MCPDEPLOY_CRYPTO_KEY_K1}, see libs/platform META-INF/microprofile-config.properties); tests set
 * their own.
 */
@ConfigMapping(prefix = "mcpdeploy.crypto")
public interface CryptoConfig {
    /**
     * AES-256 keys by id, each base64 of 32 random bytes. Old ids stay here after a rotation so
     * values sealed with them can still be opened.
     */
    Map<String, String> keys();

    /** The id of the key that seals new values. */
    String activeKey();

    /**
     * Base64 of at least 32 random bytes: the HMAC key under which API keys, git tokens and OAuth
     * tokens are hashed, so a stolen table alone does not let anyone test guesses.
     */
    String tokenPepper();
}
