package ink.ml.deploy.graphql.api.variables;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Description("One environment variable to set.")
@Input("VariableInput")
public class VariableInput {
    @NonNull
    @Description("e.g. DATABASE_URL: letters, digits and _, not starting with a digit.")
    public String name;

    @NonNull
    @Description("Stored encrypted; never shown again unless revealed.")
    public String value;

    public VariableInput() {}

    public VariableInput(String name, String value) {
        this.name = name;
        this.value = value;
    }

    /** Names only: a value must never reach a log line. */
    @Override
    public String toString() {
        return "VariableInput[name=" + name + "]";
    }
}
