package ink.ml.deploy.deployer.server.github;

import ink.ml.deploy.github.GitHubWebhookReceiver;
import ink.ml.deploy.workflow.push.GitPushes;
import io.temporal.client.WorkflowClient;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The webhook receiver of libs/github and the push starter, from config and the Temporal client.
 */
public class GithubWebhooks {

    @Produces
    @Singleton
    GitHubWebhookReceiver receiver(GithubWebhookConfig config) {
        return new GitHubWebhookReceiver(config.secret(), config.maxBodySize().asLongValue());
    }

    @Produces
    @Singleton
    GitPushes gitPushes(WorkflowClient client) {
        return new GitPushes(client);
    }
}
