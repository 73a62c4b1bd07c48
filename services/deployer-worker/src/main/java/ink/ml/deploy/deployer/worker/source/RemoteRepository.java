package ink.ml.deploy.deployer.worker.source;

import org.eclipse.jgit.transport.CredentialsProvider;

/**
 * A repository to clone: where it is and how to authenticate. {@code url} never carries
 * credentials, so it may appear in messages; {@code credentials} may be null (anonymous).
 *
 * @param name what a user calls it, e.g. {@code octo/shop} (for messages)
 */
public record RemoteRepository(String name, String url, RepositoryCredentials credentials) {

    /** For JGit: null when anonymous. */
    CredentialsProvider jgitCredentials() {
        return credentials == null ? null : credentials.jgit();
    }

    @Override
    public String toString() {
        return "RemoteRepository[" + name + " at " + url + "]";
    }
}
