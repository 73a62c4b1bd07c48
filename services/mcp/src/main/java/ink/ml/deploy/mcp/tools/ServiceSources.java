package ink.ml.deploy.mcp.tools;

import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.projects.ProjectView;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns the {@code repo} and {@code host} arguments into the platform's source: an internal
 * repository id ({@code ink}) or a GitHub {@code owner/name}. Without {@code host}, a repo written
 * {@code owner/name} is on GitHub and anything else is an internal repository.
 */
@ApplicationScoped
class ServiceSources {
    private final RepoReferences repos;

    ServiceSources(RepoReferences repos) {
        this.repos = repos;
    }

    /** The source {@code repo} on {@code host} names, in {@code project}. */
    Source resolve(Caller caller, ProjectView project, String repo, String host) {
        if (repo == null || repo.isBlank()) {
            throw new InvalidValueException(
                    "repo",
                    "give the repository: the name of one made with create_repo, or owner/name"
                            + " on GitHub");
        }
        RepoHost where =
                host == null
                        ? (repo.contains("/") ? RepoHost.GITHUB : RepoHost.INK)
                        : RepoHost.parse(host);
        if (where == RepoHost.GITHUB) {
            return new Source(null, repo);
        }
        if (repo.contains("/")) {
            throw new InvalidValueException(
                    "repo",
                    "with host=ink give the name of a repository made with create_repo; for"
                            + " owner/name on GitHub use host=github");
        }
        return new Source(repos.resolve(caller, project, repo).id(), null);
    }

    /** Exactly one of the two is set. */
    record Source(String repoId, String githubRepo) {}
}
