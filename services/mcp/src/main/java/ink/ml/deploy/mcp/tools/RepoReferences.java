package ink.ml.deploy.mcp.tools;

import ink.ml.deploy.domain.RepoName;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.pagination.Page;
import ink.ml.deploy.platform.pagination.PageRequest;
import ink.ml.deploy.platform.projects.ProjectView;
import ink.ml.deploy.platform.repos.InternalRepoView;
import ink.ml.deploy.platform.repos.InternalRepos;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Resolves a {@code repo} argument that names an internal repository: its id, or its name within a
 * project (what create_repo was given).
 */
@ApplicationScoped
class RepoReferences {
    private final InternalRepos repos;

    RepoReferences(InternalRepos repos) {
        this.repos = repos;
    }

    InternalRepoView resolve(Caller caller, ProjectView project, String repo) {
        if (repo != null && ProjectReferences.isId(repo)) {
            return repos.get(caller, repo);
        }
        RepoName name = RepoName.of(repo);
        String after = null;
        do {
            Page<InternalRepoView> page =
                    repos.list(caller, project.id(), PageRequest.of(PageRequest.MAX_SIZE, after));
            for (InternalRepoView candidate : page.items()) {
                if (candidate.name().equals(name.value())) {
                    return candidate;
                }
            }
            after = page.hasNextPage() ? page.endCursor().orElseThrow() : null;
        } while (after != null);
        throw new NotFoundException("repo", name.value() + " in project " + project.name());
    }
}
