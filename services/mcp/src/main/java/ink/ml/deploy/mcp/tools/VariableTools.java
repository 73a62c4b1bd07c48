package ink.ml.deploy.mcp.tools;

import ink.ml.deploy.auth.CurrentCaller;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.variables.Variables;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** A service's environment variables. */
@ToolErrors
public class VariableTools {
    private final CurrentCaller caller;
    private final Variables variables;

    VariableTools(CurrentCaller caller, Variables variables) {
        this.caller = caller;
        this.variables = variables;
    }

    @Tool(
            name = "set_env_vars",
            title = "Set environment variables",
            description =
                    "Sets, replaces or removes a service's environment variables. `env` adds or"
                            + " overwrites the given variables and keeps the others; with"
                            + " replace=true the service gets exactly `env`; `unset` removes"
                            + " names. Values are stored encrypted and never shown in lists. Takes"
                            + " effect on the next deployment: call redeploy_service after.",
            annotations =
                    @Tool.Annotations(
                            title = "Set environment variables",
                            readOnlyHint = false,
                            destructiveHint = true,
                            idempotentHint = true,
                            openWorldHint = false),
            structuredContent = true)
    EnvVarsOutput setEnvVars(
            @ToolArg(name = "serviceId", description = "The service's id (list_services).")
                    String serviceId,
            @ToolArg(
                            name = "env",
                            description =
                                    "Variables to set, name to value, e.g. {\"DATABASE_URL\":"
                                            + " \"postgres://…\"}.",
                            required = false)
                    Map<String, String> env,
            @ToolArg(
                            name = "unset",
                            description = "Names of variables to remove.",
                            required = false)
                    List<String> unset,
            @ToolArg(
                            name = "replace",
                            description =
                                    "Make `env` the complete set: variables not in it are removed.",
                            defaultValue = "false")
                    Boolean replace) {
        Caller me = caller.get();
        boolean replacing = Boolean.TRUE.equals(replace);
        if ((env == null || env.isEmpty()) && (unset == null || unset.isEmpty()) && !replacing) {
            throw new InvalidValueException(
                    "env", "give env (variables to set) or unset (names to remove)");
        }
        if (replacing && unset != null && !unset.isEmpty()) {
            throw new InvalidValueException(
                    "unset", "leave it out with replace=true: replace already removes the others");
        }
        List<String> names;
        if (replacing) {
            names = variables.replace(me, serviceId, env == null ? Map.of() : env);
        } else {
            names = variables.names(me, serviceId);
            if (env != null && !env.isEmpty()) {
                names = variables.set(me, serviceId, env);
            }
            if (unset != null && !unset.isEmpty()) {
                names = variables.unset(me, serviceId, new LinkedHashSet<>(unset));
            }
        }
        return new EnvVarsOutput(serviceId, names, ServiceTools.TAKES_EFFECT_ON_DEPLOY);
    }
}
