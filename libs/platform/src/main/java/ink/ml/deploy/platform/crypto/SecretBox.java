package ink.ml.deploy.platform.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets at rest with AES-256-GCM. The associated data binds a ciphertext to where it is
 * stored (e.g. service id and variable name), so a ciphertext copied into another row fails to open
 * instead of leaking into the wrong service.
 */
@ApplicationScoped
public class SecretBox {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, SecretKey> keys = new HashMap<>();
    private final String activeKeyId;

    public SecretBox(CryptoConfig config) {
        config.keys()
                .forEach(
                        (id, encoded) -> {
                            byte[] raw = decode("mcpdeploy.crypto.keys." + id, encoded);
                            if (raw.length != 32) {
                                throw new IllegalStateException(
                                        "mcpdeploy.crypto.keys."
                                                + id
                                                + " must be 32 bytes (base64), got "
                                                + raw.length);
                            }
                            keys.put(id, new SecretKeySpec(raw, "AES"));
                        });
        if (!keys.containsKey(config.activeKey())) {
            throw new IllegalStateException(
                    "mcpdeploy.crypto.active-key names no key in mcpdeploy.crypto.keys");
        }
        this.activeKeyId = config.activeKey();
    }

    public SealedValue seal(byte[] plaintext, String associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.ENCRYPT_MODE,
                    keys.get(activeKeyId),
                    new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return new SealedValue(
                    activeKeyId,
                    ByteBuffer.allocate(nonce.length + sealed.length)
                            .put(nonce)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    public byte[] open(SealedValue value, String associatedData) {
        SecretKey key = keys.get(value.keyId());
        if (key == null) {
            throw new IllegalStateException(
                    "a value is sealed with key " + value.keyId() + ", which is not configured");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    key,
                    new GCMParameterSpec(TAG_BITS, value.bytes(), 0, NONCE_BYTES));
            cipher.updateAAD(associatedData.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return cipher.doFinal(value.bytes(), NONCE_BYTES, value.bytes().length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "a sealed value failed to open (wrong key or tampered data)", e);
        }
    }

    /** True when the value was sealed with an older key and should be re-sealed. */
    public boolean isStale(SealedValue value) {
        return !activeKeyId.equals(value.keyId());
    }

    private static byte[] decode(String property, String encoded) {
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not base64");
        }
    }
}
