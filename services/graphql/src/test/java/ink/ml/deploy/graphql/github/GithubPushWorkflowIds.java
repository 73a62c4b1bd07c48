package ink.ml.deploy.graphql.github;

import ink.ml.deploy.domain.DeliveryId;
import ink.ml.deploy.github.BranchPush;
import ink.ml.deploy.github.GitHubEventParser;
import ink.ml.deploy.workflow.PushSource;
import ink.ml.deploy.workflow.WorkflowIds;
import java.nio.charset.StandardCharsets;

/** The push workflow a signed push body starts, whatever delivery id carries it. */
final class GithubPushWorkflowIds {
    private GithubPushWorkflowIds() {}

    static BranchPush parsed(String body) {
        return (BranchPush)
                GitHubEventParser.parse(
                        "push", DeliveryId.of("any"), body.getBytes(StandardCharsets.UTF_8));
    }

    static String of(String body) {
        return WorkflowIds.gitPush(PushSource.GITHUB, parsed(body).pushId());
    }
}
