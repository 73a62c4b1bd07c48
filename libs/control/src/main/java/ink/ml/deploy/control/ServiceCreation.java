package ink.ml.deploy.control;

import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.projects.Projects;
import ink.ml.deploy.platform.repos.InternalRepos;
import ink.ml.deploy.platform.services.CreateServiceRequest;
import ink.ml.deploy.platform.services.ServiceView;
import ink.ml.deploy.platform.services.Services;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Creating a service and deploying it at once: the one policy for every front door, so an agent and
 * a dashboard never see two products.
 *
 * <p>The rule is that an outage leaves nothing behind: a service that cannot be deployed because
 * Temporal is away is not created. So the ids the request names are checked first (another user's
 * project or repository is "not found" whether Temporal is up or not), then Temporal's
 * reachability, and only then is the service written. Should Temporal go away between that check
 * and the start, or the request fail in the control plane, the service is withdrawn again and the
 * caller hears {@link ControlPlaneUnavailableException}, with nothing to clean up.
 *
 * <p>What the service's own state refuses (its branch has no commit yet, its repository cannot be
 * read) is not an outage: the service stays, without a deployment, and the first push deploys it.
 */
@ApplicationScoped
public class ServiceCreation {
    private static final Logger LOG = Logger.getLogger(ServiceCreation.class);

    private final Services services;
    private final Projects projects;
    private final InternalRepos repos;
    private final DeploymentControl control;

    public ServiceCreation(
            Services services, Projects projects, InternalRepos repos, DeploymentControl control) {
        this.services = services;
        this.projects = projects;
        this.repos = repos;
        this.control = control;
    }

    /**
     * Creates the service and, when {@code deploy}, deploys the newest commit of its branch.
     *
     * @throws NotFoundException when the request names another user's project or repository
     * @throws ControlPlaneUnavailableException when {@code deploy} and Temporal cannot start the
     *     deployment: no service was created
     */
    public CreatedService create(Caller caller, CreateServiceRequest request, boolean deploy) {
        if (!deploy) {
            return new CreatedService(
                    services.create(caller, request), new FirstDeployment.NotAsked());
        }
        request.projectId().ifPresent(project -> projects.get(caller, project));
        request.repoId().ifPresent(repo -> repos.get(caller, repo));
        control.ensureReachable();
        ServiceView service = services.create(caller, request);
        try {
            return new CreatedService(
                    service,
                    new FirstDeployment.Started(
                            control.deployLatest(caller, UUID.fromString(service.id()))));
        } catch (ConflictException refused) {
            return new CreatedService(
                    service, new FirstDeployment.Refused(refused.field(), refused.reason()));
        } catch (ControlPlaneUnavailableException unavailable) {
            if (unavailable.outcome() == ControlPlaneUnavailableException.Outcome.STILL_RUNNING) {
                // The deployment may still be recorded: it needs its service.
                return new CreatedService(
                        service, new FirstDeployment.StillRunning(unavailable.getMessage()));
            }
            withdraw(caller, service, unavailable);
            throw unavailable;
        }
    }

    /** Takes back a service whose first deployment never started: nothing of it runs anywhere. */
    private void withdraw(Caller caller, ServiceView service, RuntimeException cause) {
        try {
            services.delete(caller, service.id());
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not withdraw service %s after its deployment failed", service.id());
            cause.addSuppressed(e);
        }
    }
}
