package ink.ml.deploy.deployer.server.github;

import ink.ml.deploy.workflow.push.GitPushes;
import io.temporal.client.WorkflowClient;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The push starter, from the Temporal client; the webhook receiver is libs/github's
 * (ink.ml.deploy.github.webhook.GithubWebhookReceivers).
 */
public class GithubWebhooks {

    @Produces
    @Singleton
    GitPushes gitPushes(WorkflowClient client) {
        return new GitPushes(client);
    }
}
