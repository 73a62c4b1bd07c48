package ink.ml.deploy.workflow.deploy;

/**
 * @param status the target status value, e.g. {@code building}
 * @param step the event step to append, e.g. {@code build}
 * @param message the event message
 * @param errorStep for failed: the step that failed; else null
 * @param errorMessage for failed: the reason; else null
 */
public record MarkStatusRequest(
        String deploymentId,
        String status,
        String step,
        String message,
        String errorStep,
        String errorMessage) {}
