package ink.ml.deploy.deployer.worker.run.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.Frame;
import ink.ml.deploy.domain.ServiceRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reads and stops customer containers through the engine's API; shared by the target and the
 * runtime monitor so both see a container the same way.
 */
final class DockerContainers {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final DockerClient docker;

    DockerContainers(DockerClient docker) {
        this.docker = docker;
    }

    Optional<InspectContainerResponse> inspect(String nameOrId) {
        try {
            return Optional.of(docker.inspectContainerCmd(nameOrId).exec());
        } catch (NotFoundException missing) {
            return Optional.empty();
        }
    }

    /** The platform's customer containers (all states), newest first. */
    List<Container> platformContainers() {
        return newestFirst(
                docker.listContainersCmd()
                        .withShowAll(true)
                        .withLabelFilter(ContainerLabels.platformSelector())
                        .exec());
    }

    /** One service's containers (all states, any deployment), newest first. */
    List<Container> ofService(ServiceRef service) {
        return newestFirst(
                docker.listContainersCmd()
                        .withShowAll(true)
                        .withLabelFilter(ContainerLabels.serviceSelector(service))
                        .exec());
    }

    private static List<Container> newestFirst(List<Container> containers) {
        List<Container> sorted = new ArrayList<>(containers);
        sorted.sort(Comparator.comparing(Container::getCreated).reversed());
        return sorted;
    }

    /** The container's address on its project network, when it has one (it runs). */
    static Optional<String> ip(InspectContainerResponse container, String network) {
        if (container.getNetworkSettings() == null
                || container.getNetworkSettings().getNetworks() == null) {
            return Optional.empty();
        }
        return address(container.getNetworkSettings().getNetworks().get(network));
    }

    static Optional<String> ip(Container container, String network) {
        if (container.getNetworkSettings() == null
                || container.getNetworkSettings().getNetworks() == null) {
            return Optional.empty();
        }
        return address(container.getNetworkSettings().getNetworks().get(network));
    }

    private static Optional<String> address(ContainerNetwork network) {
        return Optional.ofNullable(network)
                .map(ContainerNetwork::getIpAddress)
                .filter(ip -> !ip.isEmpty());
    }

    /** The last {@code lines} lines the app wrote (stdout and stderr). */
    List<String> logTail(String id, int lines) {
        StringBuilder text = new StringBuilder();
        try {
            docker.logContainerCmd(id)
                    .withStdOut(true)
                    .withStdErr(true)
                    .withTail(lines)
                    .exec(
                            new ResultCallback.Adapter<Frame>() {
                                @Override
                                public void onNext(Frame frame) {
                                    text.append(
                                            new String(
                                                    frame.getPayload(),
                                                    java.nio.charset.StandardCharsets.UTF_8));
                                }
                            })
                    .awaitCompletion(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (NotFoundException gone) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        List<String> all = text.toString().lines().toList();
        return all.subList(Math.max(0, all.size() - lines), all.size());
    }

    /**
     * The code of the container's last exit. The state has it only until Docker restarts the
     * container; the engine's event log keeps it.
     */
    Optional<Integer> lastExitCode(InspectContainerResponse container) {
        var state = container.getState();
        if (state != null
                && state.getExitCodeLong() != null
                && (Boolean.TRUE.equals(state.getRestarting())
                        || "exited".equals(state.getStatus()))) {
            return Optional.of(state.getExitCodeLong().intValue());
        }
        List<String> codes = new ArrayList<>();
        long since = Instant.parse(container.getCreated()).getEpochSecond();
        long until = Instant.now().getEpochSecond() + 1;
        try {
            docker.eventsCmd()
                    .withContainerFilter(container.getId())
                    .withEventFilter("die")
                    .withSince(Long.toString(since))
                    .withUntil(Long.toString(until))
                    .exec(
                            new ResultCallback.Adapter<Event>() {
                                @Override
                                public void onNext(Event event) {
                                    Optional.ofNullable(event.getActor())
                                            .map(actor -> actor.getAttributes())
                                            .map(attributes -> attributes.get("exitCode"))
                                            .ifPresent(codes::add);
                                }
                            })
                    .awaitCompletion(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (codes.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(codes.get(codes.size() - 1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Stops (SIGTERM, then SIGKILL after {@code timeout}) and removes; nothing when gone. */
    void stopAndRemove(String id, Duration timeout) {
        try {
            docker.stopContainerCmd(id).withTimeout((int) timeout.toSeconds()).exec();
        } catch (NotFoundException | NotModifiedException alreadyStoppedOrGone) {
            // Stopped before, or removed by a concurrent delete.
        }
        remove(id);
    }

    /** Stops without removing, so its log stays readable; nothing when stopped or gone. */
    void stop(String id, Duration timeout) {
        try {
            docker.stopContainerCmd(id).withTimeout((int) timeout.toSeconds()).exec();
        } catch (NotFoundException | NotModifiedException alreadyStoppedOrGone) {
            // Nothing to stop.
        }
    }

    private void remove(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).exec();
        } catch (NotFoundException alreadyGone) {
            // A repeated delete.
        }
    }

    static Map<String, String> labels(InspectContainerResponse container) {
        return container.getConfig() == null || container.getConfig().getLabels() == null
                ? Map.of()
                : container.getConfig().getLabels();
    }
}
