package ink.ml.deploy.graphql.auth.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import ink.ml.deploy.github.oauth.GithubOAuthApp;
import ink.ml.deploy.github.oauth.GithubOAuthWebFlow;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The dashboard's GitHub OAuth App, from {@link GithubOAuthConfig}. */
class GithubWebFlowProducer {
    /**
     * Unconfigured credentials become empty strings: the login resource answers "not configured"
     * before it would call GitHub with them.
     */
    @Produces
    @Singleton
    GithubOAuthWebFlow githubWebFlow(GithubOAuthConfig config, ObjectMapper json) {
        return new GithubOAuthWebFlow(
                new GithubOAuthApp(
                        config.clientId().orElse(""),
                        config.clientSecret().orElse(""),
                        config.tokenUrl(),
                        config.apiUrl(),
                        config.requestTimeout()),
                json);
    }
}
