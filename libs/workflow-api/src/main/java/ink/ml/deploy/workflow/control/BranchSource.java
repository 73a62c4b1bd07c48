package ink.ml.deploy.workflow.control;

/**
 * A service's tracked branch and how to reach its repository.
 *
 * @param region the cluster region of the service's project: its deployer queue resolves the head
 * @param sourceKind {@code github} or {@code internal}
 * @param repository {@code owner/name} on GitHub, or the internal repository's git-server path
 *     {@code {user}/{project}/{repo}}
 * @param installationId the user's GitHub App installation, for GitHub; null otherwise or when the
 *     app is not installed
 */
public record BranchSource(
        String region, String sourceKind, String repository, Long installationId, String branch) {}
