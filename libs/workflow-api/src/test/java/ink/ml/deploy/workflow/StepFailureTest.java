package ink.ml.deploy.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.domain.DeploymentStep;
import org.junit.jupiter.api.Test;

class StepFailureTest {

    @Test
    void nothingToBuildIsTheUsersBuildStepFailureLikeAMissingDockerfile() {
        assertThat(StepFailure.isStepFailure(StepFailure.NO_BUILD_PLAN)).isTrue();
        assertThat(StepFailure.types()).contains(StepFailure.NO_BUILD_PLAN);
        assertThat(StepFailure.stepOf(StepFailure.NO_BUILD_PLAN)).isEqualTo(DeploymentStep.BUILD);
        assertThat(StepFailure.of(StepFailure.NO_BUILD_PLAN, "nothing detected").isNonRetryable())
                .isTrue();
    }
}
