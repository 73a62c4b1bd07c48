package ink.ml.deploy.testing.github;

import ink.ml.deploy.domain.DeliveryId;
import ink.ml.deploy.github.BranchPush;
import ink.ml.deploy.github.GitHubEventParser;
import ink.ml.deploy.workflow.PushSource;
import ink.ml.deploy.workflow.WorkflowIds;
import java.nio.charset.StandardCharsets;

/** The push workflow a signed push body starts, whatever delivery id carries it. */
public final class GithubPushWorkflowIds {
    private GithubPushWorkflowIds() {}

    public static BranchPush parsed(String body) {
        return (BranchPush)
                GitHubEventParser.parse(
                        "push", DeliveryId.of("any"), body.getBytes(StandardCharsets.UTF_8));
    }

    public static String of(String body) {
        return WorkflowIds.gitPush(PushSource.GITHUB, parsed(body).pushId());
    }
}
