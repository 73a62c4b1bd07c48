package ink.ml.deploy.graphql.api.deployments;

import java.util.Locale;
import org.eclipse.microprofile.graphql.Description;

/** The schema's copy of the platform's {@code DeploymentStep} (a test keeps them equal). */
@Description("A step of a deployment.")
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

    static DeploymentStep fromValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
