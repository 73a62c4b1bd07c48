package ink.ml.deploy.graphql.api.variables;

import ink.ml.deploy.auth.CurrentCaller;
import ink.ml.deploy.graphql.api.services.Service;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.services.Services;
import ink.ml.deploy.platform.variables.Variables;
import java.util.LinkedHashSet;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/**
 * Environment variables: written here, shown by name on {@code Service.variableNames}, and in clear
 * only through the explicit {@code revealVariables} query. They reach a running service with its
 * next deployment.
 */
@GraphQLApi
public class VariablesApi {
    private final CurrentCaller caller;
    private final Variables variables;
    private final Services services;

    public VariablesApi(CurrentCaller caller, Variables variables, Services services) {
        this.caller = caller;
        this.variables = variables;
        this.services = services;
    }

    @Mutation("setVariables")
    @Description(
            "Adds or overwrites the given variables; others stay. Takes effect with the next"
                    + " deployment.")
    public @NonNull Service setVariables(
            @Name("serviceId") @NonNull @Id String serviceId,
            @Name("variables") @NonNull List<@NonNull VariableInput> values) {
        Caller who = caller.get();
        variables.set(who, serviceId, VariableInputs.toMap("variables", values));
        return Service.of(services.get(who, serviceId));
    }

    @Mutation("deleteVariables")
    @Description("Removes the named variables; names that are not set are ignored.")
    public @NonNull Service deleteVariables(
            @Name("serviceId") @NonNull @Id String serviceId,
            @Name("names") @NonNull List<@NonNull String> names) {
        Caller who = caller.get();
        variables.unset(who, serviceId, new LinkedHashSet<>(names));
        return Service.of(services.get(who, serviceId));
    }

    @Query("revealVariables")
    @Description("The service's variables with their values in clear, sorted by name.")
    public @NonNull List<@NonNull Variable> revealVariables(
            @Name("serviceId") @NonNull @Id String serviceId) {
        return variables.reveal(caller.get(), serviceId).entrySet().stream()
                .map(entry -> new Variable(entry.getKey(), entry.getValue()))
                .toList();
    }
}
