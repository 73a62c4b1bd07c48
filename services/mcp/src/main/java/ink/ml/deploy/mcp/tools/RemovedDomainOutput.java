package ink.ml.deploy.mcp.tools;

/** A custom domain detached from its service. */
public record RemovedDomainOutput(String id, String domain, String status, String next) {}
