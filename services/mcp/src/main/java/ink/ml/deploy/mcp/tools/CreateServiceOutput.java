package ink.ml.deploy.mcp.tools;

import com.fasterxml.jackson.annotation.JsonInclude;
import ink.ml.deploy.control.CreatedService;
import ink.ml.deploy.control.FirstDeployment;
import ink.ml.deploy.platform.services.ServiceView;

/**
 * A service just created, and its first deployment when one could start.
 *
 * @param deployment absent when nothing could be deployed yet (e.g. the branch has no commit)
 * @param next what to do now, written for the agent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateServiceOutput(ServiceOutput service, DeploymentOutput deployment, String next) {

    /** What libs/control decided, in words for the agent. */
    static CreateServiceOutput of(CreatedService created) {
        ServiceView service = created.service();
        ServiceOutput output = ServiceOutput.of(service);
        FirstDeployment first = created.firstDeployment();
        if (first instanceof FirstDeployment.Started started) {
            return new CreateServiceOutput(
                    output,
                    DeploymentOutput.of(started.deployment()),
                    "Deploying commit "
                            + started.deployment().commitSha()
                            + ". Call get_service with serviceId "
                            + service.id()
                            + " to follow the build; it answers at "
                            + output.url()
                            + " once active.");
        }
        if (first instanceof FirstDeployment.Refused refused) {
            return new CreateServiceOutput(
                    output,
                    null,
                    "The service was created but nothing is deployed yet: "
                            + refused.reason()
                            + ". Push the code to branch "
                            + service.branch()
                            + " (get_git_token gives a remote for an ink repo); the push deploys"
                            + " it.");
        }
        if (first instanceof FirstDeployment.StillRunning running) {
            return new CreateServiceOutput(
                    output,
                    null,
                    "The service was created and its first deployment requested: "
                            + running.reason()
                            + ". Call get_service with serviceId "
                            + service.id()
                            + " to see it.");
        }
        return new CreateServiceOutput(output, null, ServiceTools.TAKES_EFFECT_ON_DEPLOY);
    }
}
