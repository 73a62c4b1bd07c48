package ink.ml.deploy.platform.deployments;

/**
 * What a claim of a build slot found.
 *
 * @param claimed the deployment holds a slot: it is building
 * @param running the user's builds running when the claim was decided, this one included once
 *     claimed
 * @param limit how many builds the user may run at a time
 */
public record BuildSlotClaim(boolean claimed, int running, int limit) {}
