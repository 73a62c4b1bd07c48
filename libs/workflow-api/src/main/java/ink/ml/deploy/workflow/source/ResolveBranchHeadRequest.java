package ink.ml.deploy.workflow.source;

import ink.ml.deploy.domain.SourceKind;
import ink.ml.deploy.workflow.WireEnum;

/**
 * @param repository {@code owner/name} on GitHub, or the internal repository's git-server path
 *     {@code {user}/{project}/{repo}}
 * @param installationId the GitHub App installation that can read it; null for internal
 * @param branch the short branch name, e.g. {@code main}
 */
public record ResolveBranchHeadRequest(
        @WireEnum SourceKind sourceKind, String repository, Long installationId, String branch) {}
