package ink.ml.deploy.graphql.api.deployments;

import java.util.Locale;
import org.eclipse.microprofile.graphql.Description;

/** The schema's copy of the platform's {@code EventStatus} (a test keeps them equal). */
@Description("How a step went, as one event says.")
public enum EventStatus {
    STARTED,
    SUCCEEDED,
    FAILED,
    INFO;

    static EventStatus fromValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
