package ink.ml.deploy.workflow.deploy;

import ink.ml.deploy.domain.BuildStrategy;
import ink.ml.deploy.domain.SourceKind;
import ink.ml.deploy.workflow.WireEnum;

/**
 * @param workflowId the deploy workflow to send build output to
 * @param buildStrategy how the image is built; null in requests scheduled before strategies were
 *     carried, which built the repository's Dockerfile
 * @param installCommand the user's install command for a generated build, or null for the detected
 *     one
 * @param buildCommand the user's build command for a generated build, or null for the detected one
 * @param startCommand the user's start command for a generated build, or null for the detected one
 * @param imageRef where to push, {@code {registry}/dp-{user}-{project}/{service}:{tag}}
 */
public record BuildRequest(
        String deploymentId,
        String workflowId,
        @WireEnum SourceKind sourceKind,
        String repository,
        Long installationId,
        String commitSha,
        String rootDirectory,
        String dockerfilePath,
        @WireEnum BuildStrategy buildStrategy,
        String installCommand,
        String buildCommand,
        String startCommand,
        String imageRef) {
    public BuildRequest {
        buildStrategy = buildStrategy == null ? BuildStrategy.DOCKERFILE : buildStrategy;
    }
}
