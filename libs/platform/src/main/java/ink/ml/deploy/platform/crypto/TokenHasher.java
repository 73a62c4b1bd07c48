package ink.ml.deploy.platform.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes and checks bearer secrets (API keys, git push tokens, OAuth codes and tokens). Only an
 * HMAC-SHA256 of a secret is stored; a keyed hash is as good as a slow one for 256-bit random
 * secrets, and verification stays cheap on every request.
 */
@ApplicationScoped
public class TokenHasher {
    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec pepper;

    public TokenHasher(CryptoConfig config) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(config.tokenPepper());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("mcpdeploy.crypto.token-pepper is not base64");
        }
        if (raw.length < 32) {
            throw new IllegalStateException(
                    "mcpdeploy.crypto.token-pepper must be at least 32 bytes");
        }
        this.pepper = new SecretKeySpec(raw, "HmacSHA256");
    }

    /** {@code bytes} random bytes as lowercase hex. */
    public String randomHex(int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }

    public byte[] hash(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(pepper);
            return mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** Constant-time: how much of a guess is right never shows in the timing. */
    public boolean matches(String secret, byte[] storedHash) {
        return MessageDigest.isEqual(hash(secret), storedHash);
    }
}
