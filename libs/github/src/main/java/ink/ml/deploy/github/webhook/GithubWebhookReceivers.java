package ink.ml.deploy.github.webhook;

import ink.ml.deploy.github.GitHubWebhookReceiver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The webhook receiver, set up from {@link GithubWebhookConfig}, for every service that serves it.
 */
@ApplicationScoped
public class GithubWebhookReceivers {

    @Produces
    @Singleton
    GitHubWebhookReceiver receiver(GithubWebhookConfig config) {
        return new GitHubWebhookReceiver(config.secret(), config.maxBodySize().asLongValue());
    }
}
