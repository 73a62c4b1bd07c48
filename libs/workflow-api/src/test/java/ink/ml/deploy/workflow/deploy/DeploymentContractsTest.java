package ink.ml.deploy.workflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.domain.DeploymentStep;
import ink.ml.deploy.domain.EventStatus;
import ink.ml.deploy.domain.SourceKind;
import ink.ml.deploy.workflow.codec.EncryptedDataConverter;
import ink.ml.deploy.workflow.codec.PayloadKeys;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The deploy contracts as they cross Temporal: through the platform's encrypting converter and
 * through Temporal's default one (what the replay tests use), enums typed on the wire, and the
 * payloads runs started before the contracts were typed still read.
 */
class DeploymentContractsTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private static final List<DataConverter> CONVERTERS =
            List.of(
                    EncryptedDataConverter.with(PayloadKeys.of(Map.of("k1", KEY), "k1")),
                    DefaultDataConverter.newDefaultInstance());

    private static final DeploymentPlan PLAN =
            DeploymentPlan.toBuild(
                    "f7dd78e7-922f-4dd5-8a07-60e25cdd898b",
                    new DeploymentPlan.Target(
                            "1c78964d-b976-4c08-b7b4-1b3abf0c0ce4",
                            "u7k2m9",
                            "shop",
                            "web",
                            "eu-central-1"),
                    new DeploymentPlan.Source(
                            SourceKind.GITHUB, "octo/shop", 4242L, "main", "0123abc"),
                    DeploymentPlan.BuildSettings.dockerfile("", "Dockerfile"),
                    new DeploymentPlan.Runtime(8080, 512, 500, Map.of("DATABASE_URL", "pg://x")),
                    "127.0.0.1:5000/dp-u7k2m9-shop/web:0123abc");

    @Test
    void aGroupedPlanRoundTripsThroughEveryConverter() {
        for (DataConverter converter : CONVERTERS) {
            assertThat(roundTrip(converter, PLAN, DeploymentPlan.class)).isEqualTo(PLAN);
        }
    }

    @Test
    void aRollbackPlanKeepsItsReusedImage() {
        DeploymentPlan rollback =
                DeploymentPlan.reusing(
                        PLAN.deploymentId(),
                        PLAN.target(),
                        PLAN.source(),
                        PLAN.build(),
                        PLAN.runtime(),
                        "127.0.0.1:5000/dp-u7k2m9-shop/web:earlier");

        DeploymentPlan read = roundTrip(CONVERTERS.get(1), rollback, DeploymentPlan.class);

        assertThat(read.needsBuild()).isFalse();
        assertThat(read.image()).isEqualTo("127.0.0.1:5000/dp-u7k2m9-shop/web:earlier");
    }

    @Test
    void aFlatPlanFromARunStartedBeforeTheGroupingStillReads() {
        String flat =
                "{\"deploymentId\":\"f7dd78e7-922f-4dd5-8a07-60e25cdd898b\","
                        + "\"serviceId\":\"1c78964d-b976-4c08-b7b4-1b3abf0c0ce4\","
                        + "\"userId\":\"u7k2m9\",\"project\":\"shop\",\"service\":\"web\","
                        + "\"region\":\"eu-central-1\",\"sourceKind\":\"github\","
                        + "\"repository\":\"octo/shop\",\"installationId\":4242,"
                        + "\"branch\":\"main\",\"commitSha\":\"0123abc\",\"rootDirectory\":\"\","
                        + "\"dockerfilePath\":\"Dockerfile\",\"port\":8080,\"memoryMi\":512,"
                        + "\"milliCpu\":500,\"env\":{\"DATABASE_URL\":\"pg://x\"},"
                        + "\"existingImage\":null,"
                        + "\"image\":\"127.0.0.1:5000/dp-u7k2m9-shop/web:0123abc\"}";

        for (DataConverter converter : CONVERTERS) {
            assertThat(fromJson(converter, flat, DeploymentPlan.class)).isEqualTo(PLAN);
        }
    }

    @Test
    void statusesAndStepsTravelAsEnums() {
        MarkStatusRequest failed =
                MarkStatusRequest.failed(
                        PLAN.deploymentId(), DeploymentStep.BUILD, "no Dockerfile");

        String json = json(failed);

        assertThat(json).contains("\"status\":\"FAILED\"").contains("\"errorStep\":\"BUILD\"");
        for (DataConverter converter : CONVERTERS) {
            assertThat(roundTrip(converter, failed, MarkStatusRequest.class)).isEqualTo(failed);
        }
    }

    @Test
    void lowerCaseValuesWrittenBeforeTheContractsWereTypedStillRead() {
        for (DataConverter converter : CONVERTERS) {
            assertThat(fromJson(converter, "{\"status\":\"building\"}", MarkStatusResult.class))
                    .isEqualTo(new MarkStatusResult(DeploymentStatus.BUILDING));
            assertThat(
                            fromJson(
                                    converter,
                                    "{\"deploymentId\":\"d\",\"step\":\"rollout\","
                                            + "\"status\":\"succeeded\",\"message\":\"ready\"}",
                                    AppendEventRequest.class))
                    .isEqualTo(
                            new AppendEventRequest(
                                    "d", DeploymentStep.ROLLOUT, EventStatus.SUCCEEDED, "ready"));
            assertThat(
                            fromJson(
                                    converter,
                                    "{\"deploymentId\":\"d\",\"status\":\"failed\","
                                            + "\"step\":\"build\",\"message\":\"m\","
                                            + "\"errorStep\":\"build\",\"errorMessage\":\"m\"}",
                                    MarkStatusRequest.class))
                    .isEqualTo(MarkStatusRequest.failed("d", DeploymentStep.BUILD, "m"));
        }
    }

    @Test
    void aCancelledMarkNamesTheCancelStepAndNoError() {
        MarkStatusRequest cancelled = MarkStatusRequest.cancelled("d", "replaced");

        assertThat(cancelled.status()).isEqualTo(DeploymentStatus.CANCELLED);
        assertThat(cancelled.step()).isEqualTo(DeploymentStep.CANCEL);
        assertThat(cancelled.errorStep()).isNull();
        assertThat(cancelled.errorMessage()).isNull();
    }

    @Test
    void thePlanNeverPrintsItsVariables() {
        assertThat(PLAN.toString()).contains("DATABASE_URL").doesNotContain("pg://x");
    }

    private static <T> T roundTrip(DataConverter converter, T value, Class<T> type) {
        Optional<Payloads> payloads = converter.toPayloads(value);
        return converter.fromPayloads(0, payloads, type, type);
    }

    private static String json(Object value) {
        Payloads payloads =
                DefaultDataConverter.newDefaultInstance().toPayloads(value).orElseThrow();
        return payloads.getPayloads(0).getData().toStringUtf8();
    }

    /** A JSON payload as Temporal stored it, read back through {@code converter}. */
    private static <T> T fromJson(DataConverter converter, String json, Class<T> type) {
        Payload plain =
                Payload.newBuilder()
                        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
                        .setData(ByteString.copyFrom(json, StandardCharsets.UTF_8))
                        .build();
        // The encrypting codec passes a payload it did not seal through: the JSON is what counts.
        Payloads stored = Payloads.newBuilder().addPayloads(plain).build();
        return converter.fromPayloads(0, Optional.of(stored), type, type);
    }
}
