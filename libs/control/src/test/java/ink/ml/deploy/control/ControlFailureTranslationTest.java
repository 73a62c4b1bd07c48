package ink.ml.deploy.control;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.workflow.StepFailure;
import ink.ml.deploy.workflow.control.ControlFailures;
import ink.ml.deploy.workflow.source.SourceActivities;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;
import org.junit.jupiter.api.Test;

/** A failed control workflow comes back as the refusal libs/platform would have thrown. */
class ControlFailureTranslationTest {

    @Test
    void notFoundComesBackWithItsKindAndReference() {
        RuntimeException error =
                translate(ControlFailures.notFound("deployment", "8f1c2d3e-0000-4000-8000-0"));

        assertThat(error)
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.kind()).isEqualTo("deployment"))
                .hasMessage("deployment 8f1c2d3e-0000-4000-8000-0 not found");
    }

    @Test
    void conflictAndInvalidValueKeepTheirField() {
        assertThat(translate(ControlFailures.conflict("deploymentId", "is already active")))
                .isInstanceOfSatisfying(
                        ConflictException.class,
                        e -> assertThat(e.field()).isEqualTo("deploymentId"))
                .hasMessage("deploymentId: is already active");
        assertThat(translate(ControlFailures.invalid("commitSha", "must be 40 hex digits")))
                .isInstanceOfSatisfying(
                        InvalidValueException.class,
                        e -> assertThat(e.rule()).isEqualTo("must be 40 hex digits"));
    }

    @Test
    void theClustersAnswersAboutTheRepositoryAreConflictsOnBranchOrRepository() {
        assertThat(
                        translate(
                                ApplicationFailure.newNonRetryableFailure(
                                        "branch main does not exist in octo/shop",
                                        SourceActivities.BRANCH_NOT_FOUND)))
                .isInstanceOfSatisfying(
                        ConflictException.class, e -> assertThat(e.field()).isEqualTo("branch"))
                .hasMessageContaining("branch main does not exist in octo/shop");
        assertThat(
                        translate(
                                StepFailure.of(
                                        StepFailure.CLONE_FAILED,
                                        "no GitHub App installation gives access to octo/shop")))
                .isInstanceOfSatisfying(
                        ConflictException.class,
                        e -> assertThat(e.field()).isEqualTo("repository"));
    }

    @Test
    void aClusterThatDoesNotAnswerIsUnavailable() {
        RuntimeException error =
                translate(
                        new TimeoutFailure(
                                "activity timed out",
                                null,
                                TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_CLOSE));

        assertThat(error)
                .isInstanceOfSatisfying(
                        ControlPlaneUnavailableException.class,
                        e ->
                                assertThat(e.outcome())
                                        .isEqualTo(ControlPlaneUnavailableException.Outcome.FAILED))
                .hasMessageContaining("did not answer in time");
    }

    @Test
    void anUnexpectedFailureIsUnavailableWithoutItsText() {
        RuntimeException error =
                translate(
                        ApplicationFailure.newFailure(
                                "org.postgresql.util.PSQLException: relation x", "PSQLException"));

        assertThat(error).isInstanceOf(ControlPlaneUnavailableException.class);
        assertThat(error.getMessage()).doesNotContain("PSQL").doesNotContain("relation");
    }

    private static RuntimeException translate(TemporalFailure activityCause) {
        ActivityFailure activity =
                new ActivityFailure(
                        "activity failed",
                        5,
                        6,
                        "StartRequestedDeployment",
                        "1",
                        RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE,
                        "worker@test",
                        activityCause);
        return ControlFailureTranslation.translate(
                new WorkflowFailedException(
                        WorkflowExecution.newBuilder().setWorkflowId("control-test").build(),
                        "DeploymentControlWorkflow",
                        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
                        7,
                        RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE,
                        activity));
    }
}
