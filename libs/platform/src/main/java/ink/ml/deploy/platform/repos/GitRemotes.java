package ink.ml.deploy.platform.repos;

import ink.ml.deploy.domain.InternalRepoPath;
import ink.ml.deploy.gitauth.config.GitServerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;

/**
 * The git remote of an internal repository, from the git-server's public URL ({@code
 * mcpdeploy.git-server.public-url}, with or without a path or a trailing slash) and the
 * repository's path: the one rule both front doors show.
 */
@ApplicationScoped
public class GitRemotes {
    private final GitServerConfig config;

    public GitRemotes(GitServerConfig config) {
        this.config = config;
    }

    public GitRemote of(InternalRepoPath path) {
        return of(config.publicUrl(), path);
    }

    static GitRemote of(String publicUrl, InternalRepoPath path) {
        URI base = URI.create(publicUrl.endsWith("/") ? publicUrl : publicUrl + "/");
        if (base.getScheme() == null || base.getHost() == null) {
            throw new IllegalStateException(
                    "mcpdeploy.git-server.public-url must be an absolute http(s) URL (got "
                            + publicUrl
                            + ")");
        }
        return new GitRemote(base.resolve(path.value() + ".git"));
    }
}
