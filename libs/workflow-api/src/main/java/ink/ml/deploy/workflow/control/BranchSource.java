package ink.ml.deploy.workflow.control;

import ink.ml.deploy.domain.SourceKind;
import ink.ml.deploy.workflow.WireEnum;

/**
 * A service's tracked branch and how to reach its repository.
 *
 * @param region the cluster region of the service's project: its deployer queue resolves the head
 * @param repository {@code owner/name} on GitHub, or the internal repository's git-server path
 *     {@code {user}/{project}/{repo}}
 * @param installationId the user's GitHub App installation, for GitHub; null otherwise or when the
 *     app is not installed
 */
public record BranchSource(
        String region,
        @WireEnum SourceKind sourceKind,
        String repository,
        Long installationId,
        String branch) {}
