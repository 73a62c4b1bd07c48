package ink.ml.deploy.worker.deploy;

import java.time.Duration;
import java.util.UUID;

/** A cancelled deployment had not stopped in time; retryable, the retry cancels again. */
public class DeploymentStillInFlightException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeploymentStillInFlightException(UUID deploymentId, Duration waited) {
        super(
                "deployment "
                        + deploymentId
                        + " was cancelled but is still in flight after "
                        + waited
                        + "; cancelling again");
    }
}
