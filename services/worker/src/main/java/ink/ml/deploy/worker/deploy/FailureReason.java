package ink.ml.deploy.worker.deploy;

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
 *
 * @param step a deployment step value, e.g. {@code build}
 */
record FailureReason(String step, String message) {

    static FailureReason of(ActivityFailure failure, String currentStep) {
        Throwable cause = failure.getCause();
        if (cause instanceof ApplicationFailure app && StepFailure.isStepFailure(app.getType())) {
            return new FailureReason(StepFailure.stepOf(app.getType()), app.getOriginalMessage());
        }
        if (cause instanceof TimeoutFailure timeout
                && timeout.getTimeoutType() == TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START) {
            return new FailureReason(
                    currentStep,
                    "The cluster's deployer did not pick up the "
                            + currentStep
                            + " step within "
                            + DeployActivityOptions.DEPLOYER_PICKUP.toMinutes()
                            + " minutes: the cluster is unavailable. Nothing was changed; deploy"
                            + " again later.");
        }
        if (cause instanceof TimeoutFailure) {
            return new FailureReason(
                    currentStep,
                    "The "
                            + currentStep
                            + " step did not finish in time on the platform's side (not in your"
                            + " code's control). Deploy again to retry.");
        }
        return new FailureReason(
                currentStep,
                "The "
                        + currentStep
                        + " step failed on the platform's side, not because of your code, even"
                        + " after retries. Deploy again to retry; if it keeps failing, contact"
                        + " support with the deployment id.");
    }

    /**
     * The status a stale run found its deployment in, when the failure is a refused status move
     * ({@link DeploymentRecordActivities#STALE_DEPLOYMENT}).
     */
    static Optional<String> staleStatus(Throwable failure) {
        if (failure instanceof ActivityFailure activity
                && activity.getCause() instanceof ApplicationFailure app
                && DeploymentRecordActivities.STALE_DEPLOYMENT.equals(app.getType())) {
            return Optional.of(
                    app.getDetails().getSize() > 0 ? app.getDetails().get(String.class) : "stale");
        }
        return Optional.empty();
    }
}
