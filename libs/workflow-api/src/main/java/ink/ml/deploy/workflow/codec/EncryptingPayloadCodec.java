package ink.ml.deploy.workflow.codec;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts every payload (workflow and activity arguments and results) with AES-256-GCM before it
 * leaves the process, so Temporal Cloud stores only ciphertext: env var values in a deploy request
 * never reach it in clear. Both workers and every client use it, through a {@code
 * CodecDataConverter}.
 *
 * <p>The whole original payload (metadata and data) is sealed; the outer payload only says {@code
 * encoding: binary/encrypted} and which key sealed it.
 */
public final class EncryptingPayloadCodec implements PayloadCodec {
    public static final String ENCODING = "binary/encrypted";
    static final String METADATA_ENCODING = "encoding";
    static final String METADATA_KEY_ID = "encryption-key-id";

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final PayloadKeys keys;
    private final SecureRandom random = new SecureRandom();

    public EncryptingPayloadCodec(PayloadKeys keys) {
        this.keys = keys;
    }

    @Override
    public List<Payload> encode(List<Payload> payloads) {
        return payloads.stream().map(this::encrypt).toList();
    }

    /**
     * Payloads not sealed by this codec (e.g. written before it was enabled) pass through, so
     * turning encryption on does not break running workflows.
     */
    @Override
    public List<Payload> decode(List<Payload> payloads) {
        return payloads.stream().map(this::decrypt).toList();
    }

    private Payload encrypt(Payload payload) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.active(), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(payload.toByteArray());
            return Payload.newBuilder()
                    .putMetadata(METADATA_ENCODING, utf8(ENCODING))
                    .putMetadata(METADATA_KEY_ID, utf8(keys.activeKeyId()))
                    .setData(
                            ByteString.copyFrom(
                                    ByteBuffer.allocate(nonce.length + sealed.length)
                                            .put(nonce)
                                            .put(sealed)
                                            .array()))
                    .build();
        } catch (GeneralSecurityException e) {
            throw new PayloadCodecException(new IllegalStateException("AES-GCM is unavailable", e));
        }
    }

    private Payload decrypt(Payload payload) {
        ByteString encoding = payload.getMetadataMap().get(METADATA_ENCODING);
        if (encoding == null || !ENCODING.equals(encoding.toStringUtf8())) {
            return payload;
        }
        ByteString keyIdBytes = payload.getMetadataMap().get(METADATA_KEY_ID);
        String keyId = keyIdBytes == null ? "" : keyIdBytes.toStringUtf8();
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new PayloadCodecException(
                    new IllegalStateException(
                            "payload sealed with key '" + keyId + "', which is not configured"));
        }
        byte[] data = payload.getData().toByteArray();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
            return Payload.parseFrom(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES));
        } catch (GeneralSecurityException | com.google.protobuf.InvalidProtocolBufferException e) {
            throw new PayloadCodecException(
                    new IllegalStateException(
                            "payload failed to decrypt with key '" + keyId + "' (tampered?)", e));
        }
    }

    private static ByteString utf8(String value) {
        return ByteString.copyFrom(value, StandardCharsets.UTF_8);
    }
}
