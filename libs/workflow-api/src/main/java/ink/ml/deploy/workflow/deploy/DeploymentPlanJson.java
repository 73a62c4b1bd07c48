package ink.ml.deploy.workflow.deploy;

import ink.ml.deploy.domain.SourceKind;
import java.util.Map;

/**
 * What a {@link DeploymentPlan} payload may hold: the grouped parts, or the flat fields plans had
 * before they were grouped. A run that loaded its plan before an upgrade replays its history with
 * the flat payload; reading it here keeps that run going instead of failing its workflow task.
 */
record DeploymentPlanJson(
        String deploymentId,
        DeploymentPlan.Target target,
        DeploymentPlan.Source source,
        DeploymentPlan.BuildSettings build,
        DeploymentPlan.Runtime runtime,
        String image,
        Boolean reusesImage,
        // The flat shape.
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
        Integer port,
        Integer memoryMi,
        Integer milliCpu,
        Map<String, String> env,
        String existingImage) {

    DeploymentPlan plan() {
        if (target != null) {
            return new DeploymentPlan(
                    deploymentId,
                    target,
                    source,
                    build,
                    runtime,
                    image,
                    Boolean.TRUE.equals(reusesImage));
        }
        return new DeploymentPlan(
                deploymentId,
                new DeploymentPlan.Target(serviceId, userId, project, service, region),
                new DeploymentPlan.Source(
                        SourceKind.fromValue(sourceKind),
                        repository,
                        installationId,
                        branch,
                        commitSha),
                DeploymentPlan.BuildSettings.dockerfile(rootDirectory, dockerfilePath),
                new DeploymentPlan.Runtime(port, memoryMi, milliCpu, env),
                image,
                existingImage != null);
    }

    @Override
    public String toString() {
        return "DeploymentPlanJson[deploymentId=" + deploymentId + "]";
    }
}
