package ink.ml.deploy.deployer.worker.run.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.k8s.Labels;
import java.util.List;
import java.util.Map;

/**
 * One bridge network per project, {@code dp-{user}-{project}}: the namespace of the Kubernetes
 * target. Containers of a project reach each other by service name on it; Docker isolates it from
 * every other project's network, and the host firewall matches its bridge by name.
 */
final class ProjectNetworks {
    /** Docker's option naming the network's bridge interface. */
    static final String BRIDGE_NAME_OPTION = "com.docker.network.bridge.name";

    private final DockerClient docker;
    private final String bridgePrefix;

    ProjectNetworks(DockerClient docker, String bridgePrefix) {
        DockerNames.requireBridgePrefix(bridgePrefix);
        this.docker = docker;
        this.bridgePrefix = bridgePrefix;
    }

    /** Makes the project's network unless it exists. */
    void ensure(ServiceRef service) {
        String name = DockerNames.networkName(service);
        if (exists(name)) {
            return;
        }
        try {
            docker.createNetworkCmd()
                    .withName(name)
                    .withDriver("bridge")
                    .withCheckDuplicate(true)
                    .withOptions(
                            Map.of(BRIDGE_NAME_OPTION, DockerNames.bridgeName(bridgePrefix, name)))
                    .withLabels(Labels.forProject(service.user(), service.project()).toMap())
                    .exec();
        } catch (ConflictException madeMeanwhile) {
            // A concurrent apply of another service of the project made it: that is the goal.
        }
    }

    /** Removes the project's network when no container is on it; nothing when it is gone. */
    void removeIfEmpty(ServiceRef service) {
        String name = DockerNames.networkName(service);
        List<Container> attached =
                docker.listContainersCmd()
                        .withShowAll(true)
                        .withNetworkFilter(List.of(name))
                        .exec();
        if (!attached.isEmpty()) {
            return;
        }
        try {
            docker.removeNetworkCmd(name).exec();
        } catch (NotFoundException alreadyGone) {
            // A repeated delete.
        }
    }

    boolean exists(String name) {
        try {
            docker.inspectNetworkCmd().withNetworkId(name).exec();
            return true;
        } catch (NotFoundException missing) {
            return false;
        }
    }
}
