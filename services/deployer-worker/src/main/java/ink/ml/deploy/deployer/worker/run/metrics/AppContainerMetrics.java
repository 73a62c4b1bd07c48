package ink.ml.deploy.deployer.worker.run.metrics;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import ink.ml.deploy.deployer.worker.run.docker.ContainerLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Docker target's figures of every running customer container (the platform's own, chosen by
 * {@link ContainerLabels}; any other container on the engine is left out), under the names and
 * labels cAdvisor gives a pod's series on a cluster: so Prometheus, scraping this as {@code
 * job="kubelet"}, holds for one machine what it holds for a cluster, and one query path reads both.
 * A container whose figures cannot be read this time (it just stopped) is left out of this scrape.
 */
public final class AppContainerMetrics {
    /** How many containers are read at once. */
    private static final int PARALLEL_READS = 8;

    private static final ExecutorService READERS =
            Executors.newFixedThreadPool(
                    PARALLEL_READS,
                    runnable -> {
                        Thread thread = new Thread(runnable, "app-container-metrics");
                        thread.setDaemon(true);
                        return thread;
                    });

    private final DockerClient docker;
    private final ContainerUsageReader usage;

    public AppContainerMetrics(DockerClient docker, ContainerUsageReader usage) {
        this.docker = docker;
        this.usage = usage;
    }

    /** The exposition, in Prometheus's text format. */
    public String scrape() {
        List<Container> containers =
                docker.listContainersCmd()
                        .withLabelFilter(ContainerLabels.platformSelector())
                        .exec();
        // Side by side: a sandbox's figures take a runsc call (~80 ms, mostly waiting), so one
        // after another a few dozen apps would outlast the scrape's timeout.
        List<CompletableFuture<Optional<CadvisorExposition.PodSample>>> reads = new ArrayList<>();
        for (Container container : containers) {
            reads.add(CompletableFuture.supplyAsync(() -> sample(container.getId()), READERS));
        }
        List<CadvisorExposition.PodSample> samples = new ArrayList<>();
        for (CompletableFuture<Optional<CadvisorExposition.PodSample>> read : reads) {
            read.join().ifPresent(samples::add);
        }
        return CadvisorExposition.write(samples);
    }

    private Optional<CadvisorExposition.PodSample> sample(String id) {
        InspectContainerResponse container;
        try {
            container = docker.inspectContainerCmd(id).exec();
        } catch (NotFoundException gone) {
            return Optional.empty();
        }
        Optional<ContainerLabels> labels =
                ContainerLabels.read(
                        container.getConfig() == null ? null : container.getConfig().getLabels());
        if (labels.isEmpty()
                || container.getState() == null
                || !Boolean.TRUE.equals(container.getState().getRunning())
                || container.getState().getPidLong() == null) {
            return Optional.empty();
        }
        int restarts = container.getRestartCount() == null ? 0 : container.getRestartCount();
        return usage.read(container.getId(), container.getState().getPidLong())
                .map(
                        figures ->
                                new CadvisorExposition.PodSample(
                                        labels.get().service().namespace(),
                                        CadvisorPodNames.podName(
                                                labels.get().service(),
                                                labels.get().deployment(),
                                                container.getId()),
                                        figures,
                                        restarts));
    }
}
