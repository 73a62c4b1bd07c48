package ink.ml.deploy.deployer.worker.run.metrics;

import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.ServiceRef;
import java.util.Locale;

/**
 * The {@code pod} label a container's series carry: {@code <service>-<deployment key>-<container
 * key>}, the shape of a Kubernetes Deployment's pod names ({@code <deployment>-<replica set
 * hash>-<pod hash>}, the Deployment named after the service), so the metrics source's {@code
 * pod=~"<service>-[a-z0-9]+-[a-z0-9]+"} selects a service's containers on both targets. Both keys
 * are lowercase letters and digits only: a hyphen in them would let {@code web}'s pattern match
 * {@code web-api}'s containers.
 */
public final class CadvisorPodNames {
    /** How much of the engine's container id names the container: Docker's short id. */
    static final int CONTAINER_KEY_LENGTH = 12;

    private CadvisorPodNames() {}

    public static String podName(ServiceRef service, DeploymentId deployment, String containerId) {
        return service.service().value()
                + "-"
                + key(deployment.value())
                + "-"
                + containerKey(containerId);
    }

    /** The deployment id without its hyphens: the replica set's place in the name. */
    static String key(String value) {
        String key = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return key.isEmpty() ? "0" : key;
    }

    private static String containerKey(String containerId) {
        String key = key(containerId);
        return key.substring(0, Math.min(CONTAINER_KEY_LENGTH, key.length()));
    }
}
