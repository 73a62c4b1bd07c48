package ink.ml.deploy.deployer.worker.source;

import ink.ml.deploy.domain.InternalRepoPath;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.domain.SourceKind;
import ink.ml.deploy.workflow.StepFailure;
import java.util.regex.Pattern;

/**
 * Turns a deployment's source (its {@link SourceKind}, a repository name, an App installation) into
 * a URL and credentials. Tokens are fetched here, per clone, and never leave the credentials
 * provider.
 */
public final class RemoteRepositories {
    /** GitHub's own rule for owner/name; anything else would change the URL's meaning. */
    private static final Pattern GITHUB_REPO = Pattern.compile("[A-Za-z0-9-]+/[A-Za-z0-9._-]+");

    /** GitHub's documented user name for installation tokens over HTTPS. */
    private static final String GITHUB_TOKEN_USER = "x-access-token";

    /** The git-server reads the token from the password; the user name is only informative. */
    private static final String GIT_SERVER_TOKEN_USER = "deployer";

    private final String githubCloneUrl;
    private final String gitServerUrl;
    private final GithubInstallationTokens githubTokens;
    private final GitServerTokens gitServerTokens;

    public RemoteRepositories(
            String githubCloneUrl,
            String gitServerUrl,
            GithubInstallationTokens githubTokens,
            GitServerTokens gitServerTokens) {
        this.githubCloneUrl = stripSlash(githubCloneUrl);
        this.gitServerUrl = stripSlash(gitServerUrl);
        this.githubTokens = githubTokens;
        this.gitServerTokens = gitServerTokens;
    }

    /**
     * @throws io.temporal.failure.ApplicationFailure CLONE_FAILED when the source cannot be cloned
     *     whatever the retries (no kind, malformed name, installation gone)
     */
    public RemoteRepository resolve(SourceKind kind, String repository, Long installationId) {
        if (kind == null) {
            throw StepFailure.of(StepFailure.CLONE_FAILED, "the source names no kind");
        }
        return switch (kind) {
            case GITHUB -> github(repository, installationId);
            case INTERNAL -> internal(repository);
        };
    }

    private RemoteRepository github(String repository, Long installationId) {
        if (repository == null
                || !GITHUB_REPO.matcher(repository).matches()
                || repository.endsWith("/.")
                || repository.endsWith("/..")) {
            throw StepFailure.of(
                    StepFailure.CLONE_FAILED, "not a GitHub repository name: " + repository);
        }
        if (installationId == null) {
            throw StepFailure.of(
                    StepFailure.CLONE_FAILED,
                    "no GitHub App installation gives access to "
                            + repository
                            + ": install the app on the repository's account");
        }
        String token;
        try {
            token = githubTokens.tokenFor(installationId);
        } catch (GithubTokenException e) {
            if (e.permanent()) {
                throw StepFailure.of(StepFailure.CLONE_FAILED, e.getMessage());
            }
            throw e;
        }
        return new RemoteRepository(
                repository,
                githubCloneUrl + "/" + repository + ".git",
                new RepositoryCredentials(GITHUB_TOKEN_USER, token));
    }

    /**
     * @param repository its path on the git-server, {@code {user}/{project}/{repo}} ({@link
     *     InternalRepoPath}): the URL path, and what the read token is signed for
     */
    private RemoteRepository internal(String repository) {
        String path;
        try {
            path = InternalRepoPath.parse(repository).value();
        } catch (InvalidValueException e) {
            throw StepFailure.of(
                    StepFailure.CLONE_FAILED, "not an internal repository path: " + e.getMessage());
        }
        return new RemoteRepository(
                path,
                gitServerUrl + "/" + path + ".git",
                gitServerTokens
                        .tokenFor(path)
                        .map(token -> new RepositoryCredentials(GIT_SERVER_TOKEN_USER, token))
                        .orElse(null));
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
