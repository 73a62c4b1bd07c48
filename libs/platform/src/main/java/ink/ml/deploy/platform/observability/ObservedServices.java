package ink.ml.deploy.platform.observability;

import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.Region;
import ink.ml.deploy.domain.ResourcePlan;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.Ids;
import ink.ml.deploy.platform.deployments.DeploymentView;
import ink.ml.deploy.platform.deployments.Deployments;
import ink.ml.deploy.platform.projects.Project;
import ink.ml.deploy.platform.projects.Projects;
import ink.ml.deploy.platform.services.Service;
import ink.ml.deploy.platform.services.Services;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Finds the caller's service for a log or metrics read, in a short transaction of its own: the read
 * from Loki or Prometheus that follows may take seconds and must not hold a database connection.
 */
@ApplicationScoped
class ObservedServices {
    private final Services services;
    private final Projects projects;
    private final Deployments deployments;

    ObservedServices(Services services, Projects projects, Deployments deployments) {
        this.services = services;
        this.projects = projects;
        this.deployments = deployments;
    }

    /** The caller's live service; anyone else's is "not found", like one that never existed. */
    @Transactional
    ObservedService of(Caller caller, String serviceId) {
        Service service = services.owned(caller, Ids.parse("serviceId", serviceId));
        Project project = projects.owned(caller, service.projectId);
        return new ObservedService(
                service.id,
                ServiceRef.of(project.userId, project.name, service.name),
                Region.of(project.region),
                new ResourcePlan(service.memoryMi, service.milliCpu));
    }

    /**
     * One of the service's deployments, as the sources label its lines. Another user's is "not
     * found"; the caller's own deployment of another service is refused, naming the argument.
     */
    DeploymentView deploymentOf(Caller caller, ObservedService service, String deploymentId) {
        return deployments.ofService(caller, service.id().toString(), deploymentId);
    }

    static DeploymentId labelOf(DeploymentView deployment) {
        return DeploymentId.of(deployment.id());
    }
}
