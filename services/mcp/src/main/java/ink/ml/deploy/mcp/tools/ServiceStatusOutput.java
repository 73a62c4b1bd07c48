package ink.ml.deploy.mcp.tools;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A service with how it is doing.
 *
 * @param status the newest deployment's status, or {@code not_deployed}
 * @param url where the service answers once a deployment is active
 * @param liveDeployment the deployment serving traffic (active or crashed), if any
 * @param latestDeployment the newest deployment, whatever its status
 * @param lastError the newest failure among recent deployments, if any
 * @param recentEvents the newest deployment's last steps, oldest first
 * @param buildLog the newest deployment's last build output lines, oldest first
 * @param runtimeLog when the newest deployment crashed or failed: the last lines its app wrote,
 *     {@code timestamp stream text}, oldest first (more with get_logs)
 * @param runtimeLogUnavailable why {@code runtimeLog} is missing when the log source did not
 *     answer, e.g. {@code logs unavailable: Loki is unavailable: …}
 * @param customDomains the service's custom domains with their DNS records' status
 * @param env the environment variables with their values, only when asked for
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceStatusOutput(
        ServiceOutput service,
        String status,
        String url,
        DeploymentOutput liveDeployment,
        DeploymentOutput latestDeployment,
        LastError lastError,
        List<EventOutput> recentEvents,
        List<String> buildLog,
        List<String> runtimeLog,
        String runtimeLogUnavailable,
        List<CustomDomainOutput> customDomains,
        Map<String, String> env) {

    /** A failed deployment's step and reason. */
    public record LastError(String deploymentId, String step, String message, String at) {}

    /** One step of a deployment. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventOutput(String step, String status, String message, String at) {}
}
