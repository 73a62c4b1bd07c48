package ink.ml.deploy.workflow.deploy;

import java.util.Map;

/**
 * Everything the deployer needs for one deployment. Carries decrypted variables: it only travels
 * inside encrypted payloads (EncryptingPayloadCodec) and never prints them.
 *
 * @param existingImage for a rollback, the image to reuse (no build); otherwise null
 * @param image the image this deployment runs: where its build pushes ({@code
 *     {registry}/dp-{user}-{project}/{service}:{sha}}), or for a rollback the reused one
 * @param sourceKind {@code github} or {@code internal}
 * @param repository {@code owner/name} on GitHub, or the internal repo's path on the git-server,
 *     {@code {user}/{project}/{repo}} ({@code ink.ml.deploy.domain.InternalRepoPath})
 * @param installationId the GitHub App installation to clone with, or null
 */
public record DeploymentPlan(
        String deploymentId,
        String serviceId,
        String userId,
        String project,
        String service,
        String region,
        String sourceKind,
        String repository,
        Long installationId,
        String branch,
        String commitSha,
        String rootDirectory,
        String dockerfilePath,
        int port,
        int memoryMi,
        int milliCpu,
        Map<String, String> env,
        String existingImage,
        String image) {
    public DeploymentPlan {
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    public boolean needsBuild() {
        return existingImage == null;
    }

    @Override
    public String toString() {
        return "DeploymentPlan[deploymentId="
                + deploymentId
                + ", service="
                + service
                + ", project="
                + project
                + ", commitSha="
                + commitSha
                + ", env="
                + env.keySet()
                + ", existingImage="
                + existingImage
                + ", image="
                + image
                + "]";
    }
}
