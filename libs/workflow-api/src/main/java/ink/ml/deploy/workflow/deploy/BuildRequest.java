package ink.ml.deploy.workflow.deploy;

import ink.ml.deploy.domain.SourceKind;
import ink.ml.deploy.workflow.WireEnum;

/**
 * @param workflowId the deploy workflow to send build output to
 * @param imageRef where to push, {@code {registry}/dp-{user}-{project}/{service}:{sha}}
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
        String imageRef) {}
