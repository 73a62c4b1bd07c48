package ink.ml.deploy.workflow.source;

/**
 * @param commitSha 40 lowercase hex digits
 */
public record BranchHead(String branch, String commitSha) {}
