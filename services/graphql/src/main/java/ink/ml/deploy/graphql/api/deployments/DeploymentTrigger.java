package ink.ml.deploy.graphql.api.deployments;

import java.util.Locale;
import org.eclipse.microprofile.graphql.Description;

/** The schema's copy of the platform's {@code DeploymentTrigger} (a test keeps them equal). */
@Description("What started a deployment.")
public enum DeploymentTrigger {
    @Description("A person or an agent asked for it.")
    API,
    @Description("A push to the tracked branch.")
    GIT_PUSH,
    @Description("A rollback to an earlier deployment's image and configuration.")
    ROLLBACK;

    static DeploymentTrigger fromValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
