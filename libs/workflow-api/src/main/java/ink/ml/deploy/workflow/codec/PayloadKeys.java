package ink.ml.deploy.workflow.codec;

import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys that seal Temporal payloads, by id, and the one that seals new payloads. Old ids
 * stay configured after a rotation so running workflows' history can still be read.
 */
public final class PayloadKeys {
    private final Map<String, SecretKey> keys;
    private final String activeKeyId;

    private PayloadKeys(Map<String, SecretKey> keys, String activeKeyId) {
        this.keys = keys;
        this.activeKeyId = activeKeyId;
    }

    /**
     * @param base64Keys key id to base64 of 32 random bytes (from config, e.g. {@code
     *     mcpdeploy.temporal.payload-keys.k1})
     * @param activeKeyId the id that seals new payloads
     */
    public static PayloadKeys of(Map<String, String> base64Keys, String activeKeyId) {
        Objects.requireNonNull(activeKeyId, "activeKeyId");
        Map<String, SecretKey> keys = new TreeMap<>();
        base64Keys.forEach(
                (id, encoded) -> {
                    byte[] raw;
                    try {
                        raw = Base64.getDecoder().decode(encoded);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("payload key " + id + " is not base64");
                    }
                    if (raw.length != 32) {
                        throw new IllegalArgumentException(
                                "payload key " + id + " must be 32 bytes, got " + raw.length);
                    }
                    keys.put(id, new SecretKeySpec(raw, "AES"));
                });
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException(
                    "the active payload key " + activeKeyId + " is not among the configured keys");
        }
        return new PayloadKeys(Map.copyOf(keys), activeKeyId);
    }

    String activeKeyId() {
        return activeKeyId;
    }

    SecretKey active() {
        return keys.get(activeKeyId);
    }

    SecretKey get(String keyId) {
        return keys.get(keyId);
    }
}
