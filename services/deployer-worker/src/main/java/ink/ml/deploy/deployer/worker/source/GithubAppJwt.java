package ink.ml.deploy.deployer.worker.source;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

/**
 * The JSON Web Token (RS256) with which a GitHub App authenticates as itself, to ask for
 * installation tokens. Valid for nine minutes (GitHub allows ten) and issued a minute in the past,
 * as GitHub recommends against clock drift.
 */
final class GithubAppJwt {
    private static final String RSA_PKCS1_HEADER = "-----BEGIN RSA PRIVATE KEY-----";
    private static final String PKCS8_HEADER = "-----BEGIN PRIVATE KEY-----";

    /** AlgorithmIdentifier of rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters. */
    private static final byte[] RSA_ALGORITHM_IDENTIFIER = {
        0x30,
        0x0d,
        0x06,
        0x09,
        0x2a,
        (byte) 0x86,
        0x48,
        (byte) 0x86,
        (byte) 0xf7,
        0x0d,
        0x01,
        0x01,
        0x01,
        0x05,
        0x00
    };

    private final String appId;
    private final PrivateKey key;
    private final Clock clock;

    GithubAppJwt(String appId, String privateKeyPem, Clock clock) {
        this.appId = appId;
        this.key = parsePrivateKey(privateKeyPem);
        this.clock = clock;
    }

    String create() {
        Instant now = clock.instant();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String payload =
                "{\"iat\":"
                        + now.minusSeconds(60).getEpochSecond()
                        + ",\"exp\":"
                        + now.plusSeconds(540).getEpochSecond()
                        + ",\"iss\":\""
                        + appId.replace("\\", "\\\\").replace("\"", "\\\"")
                        + "\"}";
        String signingInput = base64Url(header) + "." + base64Url(payload);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput
                    + "."
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new GithubTokenException("cannot sign the GitHub App JWT", e);
        }
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * GitHub hands out PKCS#1 ("RSA PRIVATE KEY") PEM files, which the JDK cannot read directly: it
     * is wrapped into PKCS#8 here rather than pulling in a crypto library for one key.
     */
    static PrivateKey parsePrivateKey(String pem) {
        String trimmed = pem.strip();
        boolean pkcs1 = trimmed.startsWith(RSA_PKCS1_HEADER);
        if (!pkcs1 && !trimmed.startsWith(PKCS8_HEADER)) {
            throw new GithubTokenException(
                    "the GitHub App private key is not a PEM RSA private key", true);
        }
        String body = trimmed.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(body);
            byte[] pkcs8 = pkcs1 ? wrapPkcs1(der) : der;
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            // The key's bytes stay out of the message.
            throw new GithubTokenException("the GitHub App private key cannot be read", true);
        }
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier, OCTET STRING pkcs1 }. */
    private static byte[] wrapPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(new byte[] {0x02, 0x01, 0x00});
        content.writeBytes(RSA_ALGORITHM_IDENTIFIER);
        content.write(0x04);
        content.writeBytes(derLength(pkcs1.length));
        content.writeBytes(pkcs1);
        ByteArrayOutputStream sequence = new ByteArrayOutputStream();
        sequence.write(0x30);
        sequence.writeBytes(derLength(content.size()));
        sequence.writeBytes(content.toByteArray());
        return sequence.toByteArray();
    }

    private static byte[] derLength(int length) {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        if (length <= 0xff) {
            return new byte[] {(byte) 0x81, (byte) length};
        }
        if (length <= 0xffff) {
            return new byte[] {(byte) 0x82, (byte) (length >> 8), (byte) length};
        }
        return new byte[] {(byte) 0x83, (byte) (length >> 16), (byte) (length >> 8), (byte) length};
    }
}
