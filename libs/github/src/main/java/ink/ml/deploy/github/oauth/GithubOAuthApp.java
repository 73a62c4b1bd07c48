package ink.ml.deploy.github.oauth;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * A GitHub OAuth App as the web flow needs it: its credentials and GitHub's token and API URLs
 * (configurable so tests and the local platform point them at a stand-in).
 *
 * @param clientSecret a secret: never logged, never in an error
 */
public record GithubOAuthApp(
        String clientId, String clientSecret, URI tokenUrl, URI apiUrl, Duration requestTimeout) {
    public GithubOAuthApp {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    @Override
    public String toString() {
        return "GithubOAuthApp[clientId=" + clientId + ", tokenUrl=" + tokenUrl + "]";
    }
}
