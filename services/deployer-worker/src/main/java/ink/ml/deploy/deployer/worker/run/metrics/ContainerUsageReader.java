package ink.ml.deploy.deployer.worker.run.metrics;

import java.util.Optional;

/** Reads a running container's {@link ContainerUsage} from the host it runs on. */
public interface ContainerUsageReader {
    /**
     * @param containerId the engine's id of the container
     * @param pid the host pid the engine reports for it ({@code State.Pid}): the container's first
     *     process under runc, the gVisor sandbox under runsc
     * @return empty when the container stopped or its figures cannot be read (it is left out of
     *     this scrape)
     */
    Optional<ContainerUsage> read(String containerId, long pid);
}
