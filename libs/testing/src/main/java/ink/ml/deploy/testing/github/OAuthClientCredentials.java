package ink.ml.deploy.testing.github;

/**
 * The OAuth client id and secret with which the platform's sign-in exchanges codes at the fake's
 * token URL. The secret goes through a process's environment and is never printed ({@link
 * #toString()} leaves it out).
 */
public record OAuthClientCredentials(String clientId, String clientSecret) {
    @Override
    public String toString() {
        return "OAuthClientCredentials[clientId=" + clientId + ", clientSecret=<secret>]";
    }
}
