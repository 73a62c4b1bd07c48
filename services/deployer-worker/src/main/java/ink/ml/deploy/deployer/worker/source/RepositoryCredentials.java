package ink.ml.deploy.deployer.worker.source;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * A user name and token for HTTPS basic authentication, handed to JGit as a credentials provider or
 * to the git CLI as a header in its environment: never in a URL or a command line, and never
 * printed ({@link #toString()} hides the token).
 */
public record RepositoryCredentials(String username, String token) {

    public RepositoryCredentials {
        if (username == null || username.isEmpty() || username.contains(":")) {
            throw new IllegalArgumentException("username: must be non-empty, without ':'");
        }
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("token: must be non-empty");
        }
    }

    CredentialsProvider jgit() {
        return new UsernamePasswordCredentialsProvider(username, token);
    }

    /** {@code Authorization: Basic …}, as git's {@code http.extraHeader} sends it. */
    String authorizationHeader() {
        return "Authorization: Basic "
                + Base64.getEncoder()
                        .encodeToString((username + ":" + token).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "RepositoryCredentials[username=" + username + ", token=***]";
    }
}
