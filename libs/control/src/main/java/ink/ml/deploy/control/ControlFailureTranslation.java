package ink.ml.deploy.control;

import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.workflow.StepFailure;
import ink.ml.deploy.workflow.control.ControlFailures;
import ink.ml.deploy.workflow.source.SourceActivities;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import org.jboss.logging.Logger;

/**
 * Turns a failed control workflow back into the error libs/platform would have thrown had it
 * refused the request in-process, so an adapter maps one set of exceptions whichever side refused.
 */
final class ControlFailureTranslation {
    private static final Logger LOG = Logger.getLogger(ControlFailureTranslation.class);

    private ControlFailureTranslation() {}

    static RuntimeException translate(WorkflowFailedException failed) {
        Throwable cause = failed.getCause();
        if (cause instanceof ActivityFailure activity) {
            cause = activity.getCause();
        }
        if (cause instanceof ApplicationFailure application) {
            RuntimeException refusal = refusal(application);
            if (refusal != null) {
                return refusal;
            }
        }
        if (cause instanceof TimeoutFailure) {
            return ControlPlaneUnavailableException.failed(
                    "the deployment cluster did not answer in time", failed);
        }
        // Never show an unexpected failure's text: it may name internals. The log has it.
        LOG.warnf(failed, "control workflow %s failed", failed.getExecution().getWorkflowId());
        return ControlPlaneUnavailableException.failed(
                "the deployment service could not complete the request", failed);
    }

    private static RuntimeException refusal(ApplicationFailure failure) {
        String type = failure.getType();
        if (ControlFailures.NOT_FOUND.equals(type)) {
            return new NotFoundException(detail(failure, 0), detail(failure, 1));
        }
        if (ControlFailures.CONFLICT.equals(type)) {
            return new ConflictException(detail(failure, 0), detail(failure, 1));
        }
        if (ControlFailures.INVALID.equals(type)) {
            return new InvalidValueException(detail(failure, 0), detail(failure, 1));
        }
        if (SourceActivities.BRANCH_NOT_FOUND.equals(type)) {
            return new ConflictException("branch", failure.getOriginalMessage());
        }
        if (StepFailure.CLONE_FAILED.equals(type)) {
            return new ConflictException("repository", failure.getOriginalMessage());
        }
        return null;
    }

    private static String detail(ApplicationFailure failure, int index) {
        return failure.getDetails().get(index, String.class);
    }
}
