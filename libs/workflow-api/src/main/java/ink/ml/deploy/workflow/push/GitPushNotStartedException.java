package ink.ml.deploy.workflow.push;

/**
 * Temporal did not take a push (unreachable, or it refused the start): no workflow runs for it.
 * Webhook receivers answer 503 so that the sender delivers it again.
 */
public final class GitPushNotStartedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String workflowId;

    public GitPushNotStartedException(String workflowId, Throwable cause) {
        super("Temporal did not start " + workflowId + ": " + cause.getMessage(), cause);
        this.workflowId = workflowId;
    }

    public String workflowId() {
        return workflowId;
    }
}
