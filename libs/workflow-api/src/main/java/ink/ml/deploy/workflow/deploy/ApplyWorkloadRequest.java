package ink.ml.deploy.workflow.deploy;

import java.util.Map;

/** One deployment's workload. Carries decrypted variables: never printed. */
public record ApplyWorkloadRequest(
        String deploymentId,
        String userId,
        String project,
        String service,
        String imageRef,
        int port,
        int memoryMi,
        int milliCpu,
        Map<String, String> env) {
    public ApplyWorkloadRequest {
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    @Override
    public String toString() {
        return "ApplyWorkloadRequest[deploymentId="
                + deploymentId
                + ", service="
                + service
                + ", project="
                + project
                + ", imageRef="
                + imageRef
                + ", env="
                + env.keySet()
                + "]";
    }
}
