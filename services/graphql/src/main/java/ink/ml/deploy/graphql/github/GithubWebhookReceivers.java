package ink.ml.deploy.graphql.github;

import ink.ml.deploy.github.GitHubWebhookReceiver;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The webhook receiver of libs/github, set up from {@link GithubWebhookConfig}. */
public class GithubWebhookReceivers {

    @Produces
    @Singleton
    GitHubWebhookReceiver receiver(GithubWebhookConfig config) {
        return new GitHubWebhookReceiver(config.secret(), config.maxBodySize().asLongValue());
    }
}
