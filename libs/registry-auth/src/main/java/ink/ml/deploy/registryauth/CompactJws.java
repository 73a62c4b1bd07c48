package ink.ml.deploy.registryauth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;

/** RS256 JSON Web Signatures in compact form (RFC 7515), which is all the registry speaks. */
final class CompactJws {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** A credential longer than this is not one we signed. */
    static final int MAX_LENGTH = 8192;

    private CompactJws() {}

    static String sign(Map<String, Object> header, Map<String, Object> claims, PrivateKey key) {
        String signed = encode(header) + "." + encode(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + ENCODER.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA256withRSA is part of every JDK", e);
        }
    }

    /**
     * The claims of a compact JWS signed with RS256 by {@code key}.
     *
     * @throws RegistryAuthException when it is malformed, of another algorithm, or not signed by
     *     that key
     */
    static JsonNode verifiedClaims(String jws, PublicKey key) {
        if (jws == null || jws.length() > MAX_LENGTH) {
            throw new RegistryAuthException("the credential is not one this platform signed");
        }
        String[] parts = jws.split("\\.", -1);
        if (parts.length != 3) {
            throw new RegistryAuthException("the credential is not one this platform signed");
        }
        try {
            JsonNode header = JSON.readTree(DECODER.decode(parts[0]));
            if (!"RS256".equals(header.path("alg").asText())) {
                throw new RegistryAuthException("the credential is not one this platform signed");
            }
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(DECODER.decode(parts[2]))) {
                throw new RegistryAuthException("the credential is not one this platform signed");
            }
            return JSON.readTree(DECODER.decode(parts[1]));
        } catch (IOException | IllegalArgumentException | GeneralSecurityException e) {
            throw new RegistryAuthException("the credential is not one this platform signed");
        }
    }

    private static String encode(Map<String, Object> json) {
        try {
            return ENCODER.encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings, numbers and lists serialise", e);
        }
    }
}
