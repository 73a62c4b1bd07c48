package ink.ml.deploy.mcp.oauth.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import ink.ml.deploy.github.oauth.GithubOAuthApp;
import ink.ml.deploy.github.oauth.GithubOAuthWebFlow;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The MCP authorization server's GitHub OAuth App, from {@link GithubSignInConfig}. */
class GithubWebFlowProducer {
    /**
     * Unconfigured credentials become empty strings: the sign-in flow answers "not configured"
     * before it would call GitHub with them.
     */
    @Produces
    @Singleton
    GithubOAuthWebFlow githubWebFlow(GithubSignInConfig config, ObjectMapper json) {
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
