package ink.ml.deploy.control;

/**
 * Temporal (or the worker behind it) could not carry out a deployment request. The APIs answer
 * {@code UNAVAILABLE} with {@link #getMessage()}, which says whether anything happened.
 */
public final class ControlPlaneUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What became of the request. */
    public enum Outcome {
        /** Temporal could not be reached: nothing was started and nothing was recorded. */
        NOT_STARTED,
        /**
         * Temporal accepted the request but it did not finish in time: it may still take effect
         * (the deployments list shows it when it does).
         */
        STILL_RUNNING,
        /** The request ran but the control plane failed it (the cluster did not answer, …). */
        FAILED
    }

    private final Outcome outcome;

    private ControlPlaneUnavailableException(Outcome outcome, String message, Throwable cause) {
        super(message, cause);
        this.outcome = outcome;
    }

    static ControlPlaneUnavailableException notStarted(Throwable cause) {
        return new ControlPlaneUnavailableException(
                Outcome.NOT_STARTED,
                "the deployment service (Temporal) cannot be reached, so nothing was started or"
                        + " changed; try again in a minute",
                cause);
    }

    static ControlPlaneUnavailableException stillRunning(String workflowId) {
        return new ControlPlaneUnavailableException(
                Outcome.STILL_RUNNING,
                "the request was accepted but has not finished yet (request "
                        + workflowId
                        + "); it may still take effect, so check the service's deployments"
                        + " before trying again",
                null);
    }

    static ControlPlaneUnavailableException failed(String reason, Throwable cause) {
        return new ControlPlaneUnavailableException(
                Outcome.FAILED, reason + "; nothing was deployed, try again later", cause);
    }

    public Outcome outcome() {
        return outcome;
    }
}
