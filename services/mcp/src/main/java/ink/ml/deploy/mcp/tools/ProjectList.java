package ink.ml.deploy.mcp.tools;

import java.util.List;

/** One page of the caller's projects, oldest first. */
public record ProjectList(List<ProjectOutput> projects, PageInfo pageInfo) {}
