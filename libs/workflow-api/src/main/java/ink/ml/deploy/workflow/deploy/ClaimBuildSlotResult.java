package ink.ml.deploy.workflow.deploy;

/**
 * @param claimed the deployment holds a build slot: it is building
 * @param running the user's builds running, this one included once claimed
 * @param limit how many builds the user may run at a time
 * @param retryAfterMillis when refused: how long to wait before claiming again
 */
public record ClaimBuildSlotResult(
        boolean claimed, int running, int limit, long retryAfterMillis) {}
