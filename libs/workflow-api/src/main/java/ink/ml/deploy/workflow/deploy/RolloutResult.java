package ink.ml.deploy.workflow.deploy;

/** The rollout finished: this many replicas of the new deployment are ready. */
public record RolloutResult(int readyReplicas) {}
