package ink.ml.deploy.mcp.tools;

/**
 * A service after a change.
 *
 * @param next what to do now, written for the agent
 */
public record UpdateServiceOutput(ServiceOutput service, String next) {}
