package ink.ml.deploy.platform.repos;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where git reaches one internal repository, {@code {public-url}/{user}/{project}/{repo}.git}, and
 * the same URL with a token as its password, under the one user name every front door shows ({@link
 * #USERNAME}; the git-server reads only the password).
 *
 * @param url the remote without credentials
 */
public record GitRemote(URI url) {
    public static final String USERNAME = "git";

    /** The remote with {@code token} as the password: {@code git push <this> main} works as is. */
    public String authenticated(String token) {
        try {
            return new URI(
                            url.getScheme(),
                            USERNAME + ":" + token,
                            url.getHost(),
                            url.getPort(),
                            url.getPath(),
                            null,
                            null)
                    .toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("a git remote is a valid URI", e);
        }
    }

    @Override
    public String toString() {
        return url.toString();
    }
}
