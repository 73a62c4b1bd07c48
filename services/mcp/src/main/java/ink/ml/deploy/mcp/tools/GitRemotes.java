package ink.ml.deploy.mcp.tools;

import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.projects.ProjectView;
import ink.ml.deploy.platform.repos.InternalRepoView;
import ink.ml.deploy.platform.repos.IssuedGitToken;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;

/** Git remotes of internal repositories, with or without a push token in them. */
@ApplicationScoped
class GitRemotes {
    static final String USERNAME = "mcpdeploy";

    private final GitServerConfig config;

    GitRemotes(GitServerConfig config) {
        this.config = config;
    }

    GitAccessOutput access(
            Caller caller, ProjectView project, InternalRepoView repo, IssuedGitToken token) {
        URI base = URI.create(stripSlash(config.url()));
        String path =
                stripSlash(base.getPath() == null ? "" : base.getPath())
                        + "/"
                        + caller.id()
                        + "/"
                        + project.name()
                        + "/"
                        + repo.name()
                        + ".git";
        String remote = base.getScheme() + "://" + base.getRawAuthority() + path;
        String authenticated =
                base.getScheme()
                        + "://"
                        + USERNAME
                        + ":"
                        + token.secret()
                        + "@"
                        + base.getRawAuthority()
                        + path;
        return new GitAccessOutput(
                repo.id(),
                repo.name(),
                project.id(),
                remote,
                authenticated,
                USERNAME,
                token.secret(),
                token.id(),
                token.expiresAt().toString(),
                "Push with: git push "
                        + "<authenticatedRemoteUrl> HEAD:main (the token expires at "
                        + token.expiresAt()
                        + "; get_git_token gives a new one). Then create_service with repo "
                        + repo.name()
                        + " deploys it.");
    }

    private static String stripSlash(String value) {
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
