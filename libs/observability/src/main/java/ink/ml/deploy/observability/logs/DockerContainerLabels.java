package ink.ml.deploy.observability.logs;

import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.k8s.Labels;
import ink.ml.deploy.k8s.ServiceWorkload;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How the Docker target labels a service's containers (the deployer-worker's {@code
 * ContainerLabels}, with libs/k8s's keys): the selector comes from the service's own record, never
 * from user input, and names owner, project and service, so no other tenant's container matches.
 */
final class DockerContainerLabels {
    /** The deployment a container runs: the key of the pods' annotation, on both targets. */
    static final String DEPLOYMENT = ServiceWorkload.DEPLOYMENT_ID_ANNOTATION;

    private DockerContainerLabels() {}

    /** One service's containers, of every deployment or of {@code deployment} only. */
    static Map<String, String> selector(ServiceRef service, Optional<DeploymentId> deployment) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.MANAGED_BY, Labels.MANAGER);
        labels.put(Labels.TENANT, service.user().value());
        labels.put(Labels.PROJECT, service.project().value());
        labels.put(Labels.SERVICE, service.service().value());
        deployment.ifPresent(id -> labels.put(DEPLOYMENT, id.value()));
        return labels;
    }

    /** The container's deployment, when its label holds one. */
    static Optional<DeploymentId> deployment(Map<String, String> labels) {
        String value = labels == null ? null : labels.get(DEPLOYMENT);
        try {
            return value == null ? Optional.empty() : Optional.of(DeploymentId.of(value));
        } catch (RuntimeException notAnId) {
            return Optional.empty();
        }
    }
}
