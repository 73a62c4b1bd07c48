package ink.ml.deploy.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

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
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeploymentStep fromValue(String value) {
        for (DeploymentStep step : values()) {
            if (step.value().equals(value)) {
                return step;
            }
        }
        throw new InvalidValueException(
                "step",
                "must be one of "
                        + Arrays.stream(values())
                                .map(DeploymentStep::value)
                                .collect(Collectors.joining(", ")));
    }
}
