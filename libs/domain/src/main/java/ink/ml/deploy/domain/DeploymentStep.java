package ink.ml.deploy.domain;

/**
 * A step of a deployment that events are recorded for; the values repeat the check constraint on
 * {@code deployment_events.step}.
 */
public enum DeploymentStep {
    QUEUED,
    CLONE,
    BUILD,
    PUSH,
    DEPLOY,
    ROLLOUT,
    ACTIVE,
    CANCEL,
    DELETE,
    DOMAIN;

    /** The value stored in the database and shown in APIs, e.g. {@code rollout}. */
    public String value() {
        return StoredValues.of(this);
    }

    public static DeploymentStep fromValue(String value) {
        return StoredValues.parse(DeploymentStep.class, "step", value);
    }
}
