package ink.ml.deploy.deployer.worker.build;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.workflow.StepFailure;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildFailuresTest {
    private static final PushTarget IMAGE =
            PushTarget.parse("127.0.0.1:5000/dp-u1-shop/web:0123456789abcdef");

    @Test
    void aPushToARegistryThatDoesNotAnswerSaysTheRegistryIsDownAndTheLiveVersionServes() {
        ProcessOutcome refused =
                new ProcessOutcome(
                        1,
                        false,
                        List.of(
                                "The push refers to repository [127.0.0.1:5000/dp-u1-shop/web]",
                                "Get \"http://127.0.0.1:5000/v2/\": dial tcp 127.0.0.1:5000:"
                                        + " connect: connection refused"));

        ApplicationFailure failure = BuildFailures.ofPush(IMAGE, refused, Duration.ofMinutes(30));

        assertThat(failure.getType()).isEqualTo(StepFailure.PUSH_FAILED);
        assertThat(failure.isNonRetryable()).isTrue();
        assertThat(failure.getOriginalMessage())
                .isEqualTo(
                        "the image registry 127.0.0.1:5000 could not be reached while pushing"
                                + " 127.0.0.1:5000/dp-u1-shop/web:0123456789abcdef (connection"
                                + " refused): the platform's registry is down, not a problem in"
                                + " your code. The live version keeps serving; deploy again in a"
                                + " few minutes.");
    }

    @Test
    void aPushTheRegistryRefusedKeepsTheClientsOwnWords() {
        ProcessOutcome denied =
                new ProcessOutcome(1, false, List.of("denied: requested access is denied"));

        ApplicationFailure failure = BuildFailures.ofPush(IMAGE, denied, Duration.ofMinutes(30));

        assertThat(failure.getOriginalMessage())
                .isEqualTo(
                        "pushing 127.0.0.1:5000/dp-u1-shop/web:0123456789abcdef failed (exit code"
                                + " 1); last lines of its output:\ndenied: requested access is"
                                + " denied");
    }
}
