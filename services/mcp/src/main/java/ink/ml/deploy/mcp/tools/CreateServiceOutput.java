package ink.ml.deploy.mcp.tools;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A service just created, and its first deployment when one could start.
 *
 * @param deployment absent when nothing could be deployed yet (e.g. the branch has no commit)
 * @param next what to do now, written for the agent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateServiceOutput(
        ServiceOutput service, DeploymentOutput deployment, String next) {}
