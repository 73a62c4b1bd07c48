package ink.ml.deploy.workflow.codec;

import io.smallrye.config.ConfigMapping;
import java.util.Map;

/**
 * The keys that seal every Temporal payload this process sends or reads (workflow and activity
 * arguments and results), so the Temporal server never holds env var values in clear. The
 * deployer-worker and every client that starts workflows must have the same keys.
 *
 * <p>Values only from the environment in production, one variable per key, e.g. {@code
 * mcpdeploy.temporal.payload-keys.k1=${MCPDEPLOY_TEMPORAL_PAYLOAD_KEY_K1}}.
 */
@ConfigMapping(prefix = "mcpdeploy.temporal")
public interface PayloadEncryptionConfig {
    /**
     * AES-256 keys by id, each base64 of 32 random bytes. After a rotation the old id stays here
     * until no running workflow's history holds payloads sealed with it.
     */
    Map<String, String> payloadKeys();

    /** The id of the key that seals new payloads. */
    String activePayloadKey();
}
