package ink.ml.deploy.mcp.tools;

import java.util.List;

/** One page of a project's services, oldest first. */
public record ServiceList(ProjectOutput project, List<ServiceOutput> services, PageInfo pageInfo) {}
