package ink.ml.deploy.worker.source;

import ink.ml.deploy.domain.InternalRepoPath;
import ink.ml.deploy.domain.SourceKind;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.github.GithubAccountView;
import ink.ml.deploy.platform.github.GithubAccounts;
import ink.ml.deploy.platform.projects.Project;
import ink.ml.deploy.platform.projects.ProjectView;
import ink.ml.deploy.platform.projects.Projects;
import ink.ml.deploy.platform.services.Service;
import ink.ml.deploy.platform.services.ServiceView;
import ink.ml.deploy.platform.services.Services;
import ink.ml.deploy.workflow.control.BranchSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * A service's tracked branch and how its region's deployer reaches the repository ({@link
 * BranchSource}): what the deployer is asked for the branch head with, by a "deploy latest" request
 * and by a push checking that its commit is still the head.
 */
@ApplicationScoped
public class TrackedBranches {
    private final Services services;
    private final Projects projects;
    private final GithubAccounts githubAccounts;

    public TrackedBranches(Services services, Projects projects, GithubAccounts githubAccounts) {
        this.services = services;
        this.projects = projects;
        this.githubAccounts = githubAccounts;
    }

    /**
     * For a request on the caller's behalf.
     *
     * @throws NotFoundException when the caller has no such live service
     */
    public BranchSource of(Caller caller, String serviceId) {
        ServiceView service = services.get(caller, serviceId);
        ProjectView project = projects.get(caller, service.projectId());
        SourceKind kind = SourceKind.fromValue(service.sourceKind());
        boolean github = kind == SourceKind.GITHUB;
        Long installation =
                github
                        ? githubAccounts
                                .find(caller)
                                .flatMap(GithubAccountView::installationId)
                                .orElse(null)
                        : null;
        // The deployer reads internal repositories by their git-server path, the one its read
        // tokens are signed for.
        return new BranchSource(
                project.region(),
                kind,
                github
                        ? service.githubRepo()
                        : InternalRepoPath.of(
                                        caller.id(), project.name(), service.internalRepoName())
                                .value(),
                installation,
                service.branch());
    }

    /**
     * For trusted orchestration code (the push workflow, which got the push from a verified
     * source): the service's owner is the caller.
     *
     * @throws NotFoundException when the service does not exist or was deleted
     */
    public BranchSource ofService(UUID serviceId) {
        return of(Caller.of(ownerOf(serviceId)), serviceId.toString());
    }

    private static String ownerOf(UUID serviceId) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () -> {
                            Service service = Service.findById(serviceId);
                            if (service == null || !service.isLive()) {
                                throw new NotFoundException("service", serviceId.toString());
                            }
                            Project project = Project.findById(service.projectId);
                            return project.userId;
                        });
    }
}
