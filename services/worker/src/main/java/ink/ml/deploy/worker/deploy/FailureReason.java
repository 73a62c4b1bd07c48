package ink.ml.deploy.worker.deploy;

import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.domain.DeploymentStep;
import ink.ml.deploy.workflow.StepFailure;
import ink.ml.deploy.workflow.deploy.DeploymentRecordActivities;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import java.util.Optional;

/**
 * Why a deployment failed, as stored on it: the step and a reason the user can act on. A {@link
 * StepFailure} carries its own reason (the user must change something); any other failure is the
 * platform's, and says so without repeating internal error text, which could quote anything.
 */
record FailureReason(DeploymentStep step, String message) {

    static FailureReason of(ActivityFailure failure, DeploymentStep currentStep) {
        Throwable cause = failure.getCause();
        if (cause instanceof ApplicationFailure app && StepFailure.isStepFailure(app.getType())) {
            return new FailureReason(StepFailure.stepOf(app.getType()), app.getOriginalMessage());
        }
        if (cause instanceof TimeoutFailure timeout
                && timeout.getTimeoutType() == TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START) {
            return new FailureReason(
                    currentStep,
                    "The cluster's deployer did not pick up the "
                            + currentStep.value()
                            + " step within "
                            + DeployActivityOptions.DEPLOYER_PICKUP.toMinutes()
                            + " minutes: the cluster is unavailable. Nothing was changed; deploy"
                            + " again later.");
        }
        if (cause instanceof TimeoutFailure) {
            return new FailureReason(
                    currentStep,
                    "The "
                            + currentStep.value()
                            + " step did not finish in time on the platform's side (not in your"
                            + " code's control). Deploy again to retry.");
        }
        return new FailureReason(
                currentStep,
                "The "
                        + currentStep.value()
                        + " step failed on the platform's side, not because of your code, even"
                        + " after retries. Deploy again to retry; if it keeps failing, contact"
                        + " support with the deployment id.");
    }

    /**
     * The status a stale run found its deployment in, when the failure is a refused status move
     * ({@link DeploymentRecordActivities#STALE_DEPLOYMENT}).
     */
    static Optional<DeploymentStatus> staleStatus(Throwable failure) {
        if (failure instanceof ActivityFailure activity
                && activity.getCause() instanceof ApplicationFailure app
                && DeploymentRecordActivities.STALE_DEPLOYMENT.equals(app.getType())) {
            // RecordFailures.stale always names it, as its stored value.
            return Optional.of(DeploymentStatus.fromValue(app.getDetails().get(String.class)));
        }
        return Optional.empty();
    }
}
