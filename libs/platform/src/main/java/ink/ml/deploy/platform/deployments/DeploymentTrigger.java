package ink.ml.deploy.platform.deployments;

import ink.ml.deploy.domain.InvalidValueException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What started a deployment; the values repeat the check constraint on {@code trigger}. */
public enum DeploymentTrigger {
    /** A person or an agent asked for it (GraphQL, MCP). */
    API,
    /** A push to the tracked branch (GitHub webhook or the internal git-server). */
    GIT_PUSH,
    /** A redeploy of an earlier deployment's image and configuration, without a build. */
    ROLLBACK;

    /** The value stored in the database and shown in APIs, e.g. {@code git_push}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeploymentTrigger fromValue(String value) {
        for (DeploymentTrigger trigger : values()) {
            if (trigger.value().equals(value)) {
                return trigger;
            }
        }
        throw new InvalidValueException(
                "trigger",
                "must be one of "
                        + Arrays.stream(values())
                                .map(DeploymentTrigger::value)
                                .collect(Collectors.joining(", ")));
    }
}
