package ink.ml.deploy.mcp.tools;

import ink.ml.deploy.auth.CurrentCaller;
import ink.ml.deploy.control.DeploymentControl;
import ink.ml.deploy.platform.common.Ids;
import ink.ml.deploy.platform.deployments.DeploymentView;
import ink.ml.deploy.platform.deployments.Deployments;
import ink.ml.deploy.platform.pagination.Page;
import ink.ml.deploy.platform.pagination.PageRequest;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import java.util.UUID;

/** Deployments: deploy again, roll back, cancel, list. All changes go through Temporal. */
@ToolErrors
public class DeploymentTools {
    private final CurrentCaller caller;
    private final Deployments deployments;
    private final DeploymentControl control;

    DeploymentTools(CurrentCaller caller, Deployments deployments, DeploymentControl control) {
        this.caller = caller;
        this.deployments = deployments;
        this.control = control;
    }

    @Tool(
            name = "redeploy_service",
            title = "Redeploy service",
            description =
                    "Deploys a service again: by default the newest commit of its branch with its"
                            + " current settings and variables (use it after update_service or"
                            + " set_env_vars); with deploymentId, builds that earlier deployment's"
                            + " commit again. A deployment in flight is cancelled first (latest"
                            + " wins). Returns the new deployment; follow it with get_service.",
            annotations =
                    @Tool.Annotations(
                            title = "Redeploy service",
                            readOnlyHint = false,
                            destructiveHint = false,
                            idempotentHint = false,
                            openWorldHint = true),
            structuredContent = true)
    DeploymentOutput redeployService(
            @ToolArg(name = "serviceId", description = "The service's id (list_services).")
                    String serviceId,
            @ToolArg(
                            name = "deploymentId",
                            description =
                                    "An earlier deployment of the service whose commit to build"
                                            + " again (list_deployments); the branch's newest"
                                            + " commit when omitted.",
                            required = false)
                    String deploymentId) {
        return DeploymentOutput.of(
                control.redeployService(
                        caller.get(), Ids.parse("serviceId", serviceId), deploymentId));
    }

    @Tool(
            name = "rollback_service",
            title = "Roll back service",
            description =
                    "Puts an earlier deployment's image and settings back, without building: the"
                            + " fast way out of a bad deploy. Without deploymentId, rolls back to"
                            + " the newest earlier deployment that ran. The branch is not changed,"
                            + " so the next push deploys new code again.",
            annotations =
                    @Tool.Annotations(
                            title = "Roll back service",
                            readOnlyHint = false,
                            destructiveHint = true,
                            idempotentHint = false,
                            openWorldHint = false),
            structuredContent = true)
    DeploymentOutput rollbackService(
            @ToolArg(name = "serviceId", description = "The service's id (list_services).")
                    String serviceId,
            @ToolArg(
                            name = "deploymentId",
                            description =
                                    "The deployment to go back to (list_deployments); the one"
                                            + " before the live one when omitted.",
                            required = false)
                    String deploymentId) {
        return DeploymentOutput.of(
                control.rollbackService(
                        caller.get(), Ids.parse("serviceId", serviceId), deploymentId));
    }

    @Tool(
            name = "cancel_deployment",
            title = "Cancel deployment",
            description =
                    "Stops a deployment that is queued, building or deploying; the live"
                            + " deployment keeps serving. Returns at once, once the cancellation"
                            + " is recorded: the deployment shows cancelled when its running step"
                            + " has stopped, usually within seconds (get_service shows it). A"
                            + " deployment that already ended cannot be cancelled.",
            annotations =
                    @Tool.Annotations(
                            title = "Cancel deployment",
                            readOnlyHint = false,
                            destructiveHint = true,
                            idempotentHint = true,
                            openWorldHint = false),
            structuredContent = true)
    DeploymentOutput cancelDeployment(
            @ToolArg(
                            name = "deploymentId",
                            description = "The deployment's id (get_service, list_deployments).")
                    String deploymentId) {
        UUID id = Ids.parse("deploymentId", deploymentId);
        return DeploymentOutput.of(control.cancel(caller.get(), id));
    }

    @Tool(
            name = "list_deployments",
            title = "List deployments",
            description =
                    "Lists a service's deployments, newest first: status, commit, what started"
                            + " it, and the failed step and reason of failed ones. Use the ids"
                            + " with rollback_service, redeploy_service or cancel_deployment.",
            annotations =
                    @Tool.Annotations(
                            title = "List deployments",
                            readOnlyHint = true,
                            destructiveHint = false,
                            idempotentHint = true,
                            openWorldHint = false),
            structuredContent = true)
    DeploymentList listDeployments(
            @ToolArg(name = "serviceId", description = "The service's id (list_services).")
                    String serviceId,
            @ToolArg(
                            name = "first",
                            description = "How many deployments to return.",
                            defaultValue = "20")
                    Integer first,
            @ToolArg(
                            name = "after",
                            description =
                                    "The endCursor of the previous page, to continue after it.",
                            required = false)
                    String after) {
        Page<DeploymentView> page =
                deployments.list(caller.get(), serviceId, PageRequest.of(first, after));
        return new DeploymentList(
                page.items().stream().map(DeploymentOutput::of).toList(), PageInfo.of(page));
    }
}
