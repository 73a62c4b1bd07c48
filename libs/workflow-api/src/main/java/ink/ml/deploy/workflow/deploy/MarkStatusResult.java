package ink.ml.deploy.workflow.deploy;

/** The status after the move, as stored. */
public record MarkStatusResult(String status) {}
