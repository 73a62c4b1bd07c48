package ink.ml.deploy.workflow.push;

/**
 * @param source {@code github} or {@code git-server}
 * @param repository {@code owner/name} on GitHub, or the internal repo's path on the git-server,
 *     {@code {user}/{project}/{repo}} ({@code ink.ml.deploy.domain.InternalRepoPath})
 * @param branch the short branch name, e.g. {@code main}
 * @param commitSha the new head of the branch
 */
public record PushEvent(
        String source, String deliveryId, String repository, String branch, String commitSha) {}
