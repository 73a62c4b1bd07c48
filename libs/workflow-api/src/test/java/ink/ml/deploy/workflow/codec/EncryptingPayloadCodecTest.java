package ink.ml.deploy.workflow.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.common.converter.DataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EncryptingPayloadCodecTest {
    private static final String K1 = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String K2 =
            Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    record DeployRequest(String service, Map<String, String> env) {}

    /** {@link DeployRequest} as a newer version of the platform may send it: one field more. */
    record NewerDeployRequest(String service, Map<String, String> env, String region) {}

    private static DataConverter converter(PayloadKeys keys) {
        return EncryptedDataConverter.with(keys);
    }

    private final DeployRequest request =
            new DeployRequest("web", Map.of("DATABASE_URL", "postgres://u:hunter2@db/app"));

    @Test
    void temporalSeesOnlyCiphertext() {
        Payloads payloads =
                converter(PayloadKeys.of(Map.of("k1", K1), "k1")).toPayloads(request).orElseThrow();

        Payload sent = payloads.getPayloads(0);
        assertThat(sent.getMetadataMap().get("encoding").toStringUtf8())
                .isEqualTo("binary/encrypted");
        assertThat(sent.getMetadataMap().get("encryption-key-id").toStringUtf8()).isEqualTo("k1");
        assertThat(new String(sent.toByteArray(), StandardCharsets.ISO_8859_1))
                .doesNotContain("hunter2")
                .doesNotContain("DATABASE_URL");
    }

    @Test
    void roundTripsThroughTheConverter() {
        DataConverter converter = converter(PayloadKeys.of(Map.of("k1", K1), "k1"));
        Optional<Payloads> payloads = converter.toPayloads(request);

        assertThat(converter.fromPayloads(0, payloads, DeployRequest.class, DeployRequest.class))
                .isEqualTo(request);
    }

    @Test
    void readsAPayloadWithAFieldItDoesNotKnowFromANewerVersion() {
        DataConverter converter = converter(PayloadKeys.of(Map.of("k1", K1), "k1"));
        Optional<Payloads> newer =
                converter.toPayloads(
                        new NewerDeployRequest("web", Map.of("PORT", "8080"), "eu-central-1"));

        assertThat(converter.fromPayloads(0, newer, DeployRequest.class, DeployRequest.class))
                .isEqualTo(new DeployRequest("web", Map.of("PORT", "8080")));
    }

    @Test
    void readsPayloadsSealedWithAnOlderKeyAfterRotation() {
        Optional<Payloads> old =
                converter(PayloadKeys.of(Map.of("k1", K1), "k1")).toPayloads(request);
        DataConverter rotated = converter(PayloadKeys.of(Map.of("k1", K1, "k2", K2), "k2"));

        assertThat(rotated.fromPayloads(0, old, DeployRequest.class, DeployRequest.class))
                .isEqualTo(request);
        assertThat(
                        rotated.toPayloads(request)
                                .orElseThrow()
                                .getPayloads(0)
                                .getMetadataMap()
                                .get("encryption-key-id")
                                .toStringUtf8())
                .isEqualTo("k2");
    }

    @Test
    void refusesAPayloadWhoseKeyIsGone() {
        Optional<Payloads> old =
                converter(PayloadKeys.of(Map.of("k1", K1), "k1")).toPayloads(request);
        DataConverter withoutK1 = converter(PayloadKeys.of(Map.of("k2", K2), "k2"));

        assertThatThrownBy(
                        () ->
                                withoutK1.fromPayloads(
                                        0, old, DeployRequest.class, DeployRequest.class))
                .hasRootCauseMessage("payload sealed with key 'k1', which is not configured");
    }

    @Test
    void refusesATamperedPayload() {
        EncryptingPayloadCodec codec =
                new EncryptingPayloadCodec(PayloadKeys.of(Map.of("k1", K1), "k1"));
        Payload sealed =
                codec.encode(
                                List.of(
                                        Payload.newBuilder()
                                                .setData(ByteString.copyFromUtf8("x"))
                                                .build()))
                        .get(0);
        byte[] data = sealed.getData().toByteArray();
        data[data.length - 1] ^= 1;
        Payload tampered = sealed.toBuilder().setData(ByteString.copyFrom(data)).build();

        assertThatThrownBy(() -> codec.decode(List.of(tampered)))
                .isInstanceOf(PayloadCodecException.class);
    }

    @Test
    void passesUnencryptedPayloadsThroughSoEnablingItKeepsOldHistoriesReadable() {
        EncryptingPayloadCodec codec =
                new EncryptingPayloadCodec(PayloadKeys.of(Map.of("k1", K1), "k1"));
        Payload plain =
                Payload.newBuilder()
                        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
                        .setData(ByteString.copyFromUtf8("\"hi\""))
                        .build();

        assertThat(codec.decode(List.of(plain))).containsExactly(plain);
    }

    @Test
    void refusesMisconfiguredKeys() {
        assertThatThrownBy(() -> PayloadKeys.of(Map.of("k1", K1), "k9"))
                .hasMessageContaining("active payload key k9");
        assertThatThrownBy(() -> PayloadKeys.of(Map.of("k1", "c2hvcnQ="), "k1"))
                .hasMessage("payload key k1 must be 32 bytes, got 5");
        assertThatThrownBy(() -> PayloadKeys.of(Map.of("k1", "***"), "k1"))
                .hasMessage("payload key k1 is not base64");
    }
}
