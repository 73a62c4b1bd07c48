package ink.ml.deploy.mcp.auth;

import ink.ml.deploy.auth.CurrentCaller;
import io.quarkiverse.mcp.server.ToolManager;
import io.quarkiverse.mcp.server.ToolResponse;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Test-only: a tool that answers with the caller's platform user id, registered programmatically
 * while an auth test runs and removed after it, so the server's real tool list (and its snapshot)
 * never contains it.
 */
@ApplicationScoped
public class CallerIdTool {
    public static final String NAME = "test_caller_id";

    private final ToolManager tools;
    private final CurrentCaller caller;

    public CallerIdTool(ToolManager tools, CurrentCaller caller) {
        this.tools = tools;
        this.caller = caller;
    }

    public void register() {
        if (tools.getTool(NAME) == null) {
            tools.newTool(NAME)
                    .setDescription("Test only: the signed-in platform user id.")
                    .setHandler(arguments -> ToolResponse.success(caller.get().id()))
                    .register();
        }
    }

    public void remove() {
        tools.removeTool(NAME);
    }
}
