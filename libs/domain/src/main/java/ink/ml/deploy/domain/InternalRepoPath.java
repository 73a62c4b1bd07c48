package ink.ml.deploy.domain;

import java.util.Objects;

/**
 * Where an internal repository lives on the git-server: {@code {user}/{project}/{repo}}, the path
 * of its remote ({@code https://git.ml.ink/{user}/{project}/{repo}.git}) and of its bare repository
 * under the git-server's root. Every side derives it from here: the product plane when it signs a
 * push token, the git-server when it routes a request and reports a push, the deploy workflow when
 * it tells the deployer what to clone.
 *
 * <p>Each segment is a DNS label (user id, project name, repo name), so the path cannot escape the
 * root, and it is stable: none of the three can be renamed.
 */
public record InternalRepoPath(UserId user, ProjectName project, RepoName repo) {
    public static final String FIELD = "repoPath";

    public InternalRepoPath {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(repo, "repo");
    }

    public static InternalRepoPath of(String user, String project, String repo) {
        return new InternalRepoPath(UserId.of(user), ProjectName.of(project), RepoName.of(repo));
    }

    /**
     * @param path {@code user/project/repo}, without a leading '/' or a {@code .git} suffix
     * @throws InvalidValueException (field {@code repoPath}) for any other shape
     */
    public static InternalRepoPath parse(String path) {
        if (path == null || path.length() > 255) {
            throw new InvalidValueException(FIELD, "must be {user}/{project}/{repo}");
        }
        String[] segments = path.split("/", -1);
        if (segments.length != 3) {
            throw new InvalidValueException(
                    FIELD,
                    "must be {user}/{project}/{repo} (got \"" + DnsLabel.printable(path) + "\")");
        }
        try {
            return of(segments[0], segments[1], segments[2]);
        } catch (InvalidValueException e) {
            throw new InvalidValueException(
                    FIELD, e.field() + " " + e.rule() + " in \"" + DnsLabel.printable(path) + "\"");
        }
    }

    /** {@code user/project/repo}. */
    public String value() {
        return user.value() + "/" + project.value() + "/" + repo.value();
    }

    @Override
    public String toString() {
        return value();
    }
}
