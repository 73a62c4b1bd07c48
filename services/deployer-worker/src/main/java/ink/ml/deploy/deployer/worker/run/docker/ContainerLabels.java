package ink.ml.deploy.deployer.worker.run.docker;

import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.k8s.Labels;
import ink.ml.deploy.k8s.ServiceSpec;
import ink.ml.deploy.k8s.ServiceWorkload;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a customer container carries as labels: the ids libs/k8s puts on a service's pods (owner,
 * project, service, deployment), and what a rollout or an adoption after a restart needs to route
 * to it (hostname, port). Never a variable: labels are readable by anyone who can inspect.
 */
public record ContainerLabels(
        ServiceRef service, DeploymentId deployment, String hostname, int port) {
    /** Where the service answers; the edge routes it to this container. */
    public static final String HOSTNAME = "dp.ml.ink/hostname";

    /** The app's port: probed and routed to. */
    public static final String PORT = "dp.ml.ink/port";

    /** The pods' deployment id key, so tools that read one platform read the other. */
    public static final String DEPLOYMENT = ServiceWorkload.DEPLOYMENT_ID_ANNOTATION;

    public ContainerLabels {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(hostname, "hostname");
    }

    public static ContainerLabels of(ServiceSpec spec) {
        return new ContainerLabels(
                spec.service(), spec.deployment(), spec.hostname(), spec.port().value());
    }

    public Map<String, String> toMap() {
        Map<String, String> labels = new LinkedHashMap<>(Labels.forService(service).toMap());
        labels.put(DEPLOYMENT, deployment.value());
        labels.put(HOSTNAME, hostname);
        labels.put(PORT, Integer.toString(port));
        return labels;
    }

    /** Selects the platform's customer containers, of any service. */
    public static Map<String, String> platformSelector() {
        return Map.of(Labels.MANAGED_BY, Labels.MANAGER);
    }

    /** Selects one service's containers, of any deployment. */
    public static Map<String, String> serviceSelector(ServiceRef service) {
        return Map.of(
                Labels.MANAGED_BY, Labels.MANAGER,
                Labels.TENANT, service.user().value(),
                Labels.PROJECT, service.project().value(),
                Labels.SERVICE, service.service().value());
    }

    /**
     * Reads back the labels of a container this target made; empty for one it did not (or one whose
     * labels were tampered with).
     */
    public static Optional<ContainerLabels> read(Map<String, String> labels) {
        if (labels == null || !Labels.MANAGER.equals(labels.get(Labels.MANAGED_BY))) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    new ContainerLabels(
                            ServiceRef.of(
                                    labels.get(Labels.TENANT),
                                    labels.get(Labels.PROJECT),
                                    labels.get(Labels.SERVICE)),
                            DeploymentId.of(labels.get(DEPLOYMENT)),
                            labels.get(HOSTNAME),
                            Integer.parseInt(labels.get(PORT))));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    /** {@code ip:port}: what the edge proxies to. */
    public String upstream(String ip) {
        return ip + ":" + port;
    }
}
