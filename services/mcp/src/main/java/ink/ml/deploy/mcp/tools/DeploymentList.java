package ink.ml.deploy.mcp.tools;

import java.util.List;

/** One page of a service's deployments, newest first. */
public record DeploymentList(List<DeploymentOutput> deployments, PageInfo pageInfo) {}
