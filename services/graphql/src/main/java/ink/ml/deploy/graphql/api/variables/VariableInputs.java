package ink.ml.deploy.graphql.api.variables;

import ink.ml.deploy.graphql.api.errors.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A list of variables from a request as the name → value map the platform takes. */
public final class VariableInputs {
    private VariableInputs() {}

    /** Refuses a name given twice: which value was meant cannot be guessed. */
    public static Map<String, String> toMap(String field, List<VariableInput> inputs) {
        Map<String, String> values = new LinkedHashMap<>();
        if (inputs == null) {
            return values;
        }
        for (VariableInput input : inputs) {
            if (values.put(input.name, input.value) != null) {
                throw ApiException.badInput(field, "variable " + input.name + " is given twice");
            }
        }
        return values;
    }
}
