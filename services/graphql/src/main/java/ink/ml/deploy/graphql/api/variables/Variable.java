package ink.ml.deploy.graphql.api.variables;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("An environment variable with its value in clear: only from revealVariables.")
public record Variable(@NonNull String name, @NonNull String value) {
    /** Names only: a value must never reach a log line. */
    @Override
    public String toString() {
        return "Variable[name=" + name + "]";
    }
}
