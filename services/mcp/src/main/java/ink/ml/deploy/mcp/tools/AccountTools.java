package ink.ml.deploy.mcp.tools;

import ink.ml.deploy.auth.CurrentCaller;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.projects.Projects;
import ink.ml.deploy.platform.users.UserView;
import ink.ml.deploy.platform.users.Users;
import io.quarkiverse.mcp.server.Tool;

/** Who the agent is signed in as. */
@ToolErrors
public class AccountTools {
    private final CurrentCaller caller;
    private final Users users;
    private final Projects projects;

    AccountTools(CurrentCaller caller, Users users, Projects projects) {
        this.caller = caller;
        this.users = users;
        this.projects = projects;
    }

    @Tool(
            name = "whoami",
            title = "Who am I",
            description =
                    "Shows the MCPDeploy account this connection acts for: user id, name, email and"
                            + " the default project (where create_service puts services when no"
                            + " project is given). Call it first to check the connection works.",
            annotations =
                    @Tool.Annotations(
                            title = "Who am I",
                            readOnlyHint = true,
                            destructiveHint = false,
                            idempotentHint = true,
                            openWorldHint = false),
            structuredContent = true)
    WhoamiOutput whoami() {
        Caller me = caller.get();
        UserView user = users.get(me);
        return new WhoamiOutput(
                user.id(),
                user.displayName(),
                user.email(),
                ProjectOutput.of(projects.getDefault(me)));
    }
}
