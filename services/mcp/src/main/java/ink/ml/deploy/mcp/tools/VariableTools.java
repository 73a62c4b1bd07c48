package ink.ml.deploy.mcp.tools;

import ink.ml.deploy.auth.CurrentCaller;
import ink.ml.deploy.platform.variables.VariableChange;
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
        List<String> names =
                variables.change(
                        caller.get(),
                        serviceId,
                        new VariableChange(
                                env,
                                unset == null ? null : new LinkedHashSet<>(unset),
                                Boolean.TRUE.equals(replace)));
        return new EnvVarsOutput(serviceId, names, ServiceTools.TAKES_EFFECT_ON_DEPLOY);
    }
}
