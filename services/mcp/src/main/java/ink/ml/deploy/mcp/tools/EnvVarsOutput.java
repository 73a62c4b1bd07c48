package ink.ml.deploy.mcp.tools;

import java.util.List;

/**
 * A service's environment variables after a change, by name only.
 *
 * @param next what to do now, written for the agent
 */
public record EnvVarsOutput(String serviceId, List<String> envVarNames, String next) {}
