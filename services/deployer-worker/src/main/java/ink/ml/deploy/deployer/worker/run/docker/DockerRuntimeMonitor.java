package ink.ml.deploy.deployer.worker.run.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import ink.ml.deploy.deployer.worker.run.RuntimeState;
import ink.ml.deploy.deployer.worker.run.RuntimeStatusReporter;
import ink.ml.deploy.deployer.worker.run.edge.EdgeRoutes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps the single host's running apps and what the platform knows of them in step, from the
 * containers' labels alone, so it works the same after a worker or a whole-platform restart:
 *
 * <ul>
 *   <li><b>Adoption:</b> each service's route points at its live container: the one the route
 *       already points to if it runs, else the one that was live before with its new address, else
 *       the newest running one. Services whose rollout this worker is waiting for are left to the
 *       rollout.
 *   <li><b>Crash reports:</b> the live container restarting, exited after restarts, or restarted
 *       since the last look is CRASHED (exit code, OOM, restart count); running again without a new
 *       restart is RUNNING. Only changes are reported.
 * </ul>
 */
public class DockerRuntimeMonitor implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DockerRuntimeMonitor.class);

    private final DockerContainers containers;
    private final EdgeRoutes edge;
    private final RuntimeStatusReporter reporter;
    private final RolloutsInFlight rollouts;

    /** Hostname to the id of the container that serves it. */
    private final Map<String, String> live = new ConcurrentHashMap<>();

    /** Container id to what was last seen and reported of it. */
    private final Map<String, Observation> observations = new ConcurrentHashMap<>();

    private ScheduledExecutorService scheduler;

    private record Observation(int restarts, RuntimeState reported) {}

    public DockerRuntimeMonitor(
            DockerClient docker,
            EdgeRoutes edge,
            RuntimeStatusReporter reporter,
            RolloutsInFlight rollouts) {
        this.containers = new DockerContainers(docker);
        this.edge = edge;
        this.reporter = reporter;
        this.rollouts = rollouts;
    }

    /** Looks every {@code interval} on a thread of its own, from now until {@link #close()}. */
    public synchronized void start(Duration interval) {
        if (scheduler != null) {
            return;
        }
        scheduler =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread thread = new Thread(runnable, "docker-runtime-monitor");
                            thread.setDaemon(true);
                            return thread;
                        });
        scheduler.scheduleWithFixedDelay(
                this::lookQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void lookQuietly() {
        try {
            look();
        } catch (RuntimeException e) {
            // The engine or the edge is down for a moment: the next look tries again.
            LOG.warnf("runtime monitor: %s", e.toString());
        }
    }

    /** One look at every platform container: routes rebuilt where needed, changes reported. */
    public synchronized void look() {
        Map<String, List<Container>> byHostname = new LinkedHashMap<>();
        for (Container container : containers.platformContainers()) {
            ContainerLabels.read(container.getLabels())
                    .ifPresent(
                            labels ->
                                    byHostname
                                            .computeIfAbsent(
                                                    labels.hostname(), host -> new ArrayList<>())
                                            .add(container));
        }
        Map<String, String> routes = edge.routes();
        for (Map.Entry<String, List<Container>> service : byHostname.entrySet()) {
            lookAt(service.getKey(), service.getValue(), routes.get(service.getKey()));
        }
        live.keySet().retainAll(byHostname.keySet());
        observations.keySet().retainAll(new ArrayList<>(live.values()));
    }

    /**
     * @param containers the service's containers, newest first
     */
    private void lookAt(String hostname, List<Container> containers, String route) {
        Map<String, String> upstreams = new HashMap<>();
        for (Container container : containers) {
            if ("running".equals(container.getState())) {
                ContainerLabels labels = ContainerLabels.read(container.getLabels()).orElseThrow();
                DockerContainers.ip(container, DockerNames.networkName(labels.service()))
                        .ifPresent(ip -> upstreams.put(container.getId(), labels.upstream(ip)));
            }
        }
        Optional<String> routed =
                upstreams.entrySet().stream()
                        .filter(entry -> entry.getValue().equals(route))
                        .map(Map.Entry::getKey)
                        .findFirst();
        String known = live.get(hostname);
        String chosen;
        if (routed.isPresent()) {
            chosen = routed.get();
        } else if (rollouts.contains(hostname)) {
            // The rollout routes its container once it is ready.
            chosen = known;
        } else if (known != null && upstreams.containsKey(known)) {
            chosen = known;
        } else {
            chosen =
                    containers.stream()
                            .map(Container::getId)
                            .filter(upstreams::containsKey)
                            .findFirst()
                            .orElse(known);
        }
        if (chosen == null) {
            return;
        }
        live.put(hostname, chosen);
        String upstream = upstreams.get(chosen);
        if (upstream != null && !upstream.equals(route) && !rollouts.contains(hostname)) {
            edge.route(hostname, upstream);
            LOG.infof("runtime monitor: routed %s to its running container", hostname);
        }
        this.containers.inspect(chosen).ifPresent(container -> report(container));
    }

    private void report(InspectContainerResponse container) {
        ContainerLabels labels =
                ContainerLabels.read(DockerContainers.labels(container)).orElse(null);
        if (labels == null) {
            return;
        }
        int restarts = Optional.ofNullable(container.getRestartCount()).orElse(0);
        Observation before = observations.get(container.getId());
        var state = container.getState();
        boolean running = Boolean.TRUE.equals(state.getRunning());
        boolean crashed =
                Boolean.TRUE.equals(state.getRestarting())
                        || (!running && restarts > 0)
                        || (before != null && restarts > before.restarts());
        RuntimeState now;
        if (crashed) {
            now = RuntimeState.CRASHED;
        } else if (running) {
            now = RuntimeState.RUNNING;
        } else {
            // Stopped by the platform (a failed rollout, a delete under way): not a crash.
            return;
        }
        RuntimeState reported = before == null ? RuntimeState.RUNNING : before.reported();
        if (now != reported) {
            String reason =
                    now == RuntimeState.CRASHED
                            ? crashReason(container, restarts)
                            : recovered(restarts);
            try {
                reporter.report(labels.deployment(), now, reason);
            } catch (RuntimeException e) {
                // Not recorded as reported: the next look tells it again.
                LOG.warnf(
                        "runtime monitor: cannot report %s of deployment %s yet: %s",
                        now, labels.deployment(), e.toString());
                observations.put(container.getId(), new Observation(restarts, reported));
                return;
            }
            LOG.infof(
                    "runtime monitor: deployment %s of %s is %s (%s)",
                    labels.deployment(), labels.service().hostLabel(), now, reason);
        }
        observations.put(container.getId(), new Observation(restarts, now));
    }

    private String crashReason(InspectContainerResponse container, int restarts) {
        StringBuilder reason = new StringBuilder();
        if (Boolean.TRUE.equals(container.getState().getOOMKilled())) {
            reason.append("stopped for using more than its memory limit");
        } else {
            reason.append("exited");
            containers
                    .lastExitCode(container)
                    .ifPresent(code -> reason.append(" with code ").append(code));
        }
        reason.append(", restarted ").append(restarts).append(restarts == 1 ? " time" : " times");
        return reason.toString();
    }

    private static String recovered(int restarts) {
        return "running again after " + restarts + (restarts == 1 ? " restart" : " restarts");
    }

    /** Which container serves {@code hostname}, as of the last look. */
    Optional<String> liveContainer(String hostname) {
        return Optional.ofNullable(live.get(Objects.requireNonNull(hostname)));
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
