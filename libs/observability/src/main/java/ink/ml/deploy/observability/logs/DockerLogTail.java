package ink.ml.deploy.observability.logs;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import ink.ml.deploy.domain.DeploymentId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Follows a service's running containers on the Docker engine, and those that start later (a new
 * deployment, a restart): the container list is read every second and each container not yet
 * followed gets a follow of its own, from the tail's start or from its last line heard, so no line
 * is heard twice. Failing to list the containers ends the tail with UNAVAILABLE; a follow that ends
 * (its container stopped) is simply dropped.
 */
final class DockerLogTail implements LogTail {
    private static final long POLL_MILLIS = 1000;

    private final Supplier<List<Container>> runningContainers;
    private final DockerClient follower;
    private final Instant start;
    private final Optional<String> search;
    private final Listener listener;
    private final Map<String, ResultCallback.Adapter<Frame>> follows = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastHeard = new ConcurrentHashMap<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Object hearing = new Object();
    private final ScheduledExecutorService poller;

    DockerLogTail(
            Supplier<List<Container>> runningContainers,
            DockerClient follower,
            Instant start,
            Optional<String> search,
            Listener listener) {
        this.runningContainers = runningContainers;
        this.follower = follower;
        this.start = start;
        this.search = search;
        this.listener = listener;
        this.poller =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread thread = new Thread(runnable, "docker-log-tail");
                            thread.setDaemon(true);
                            return thread;
                        });
    }

    /** Follows the containers running now (failing at once when the engine is down), then polls. */
    void start() {
        try {
            followNew(runningContainers.get());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        poller.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void poll() {
        if (ended.get()) {
            return;
        }
        try {
            followNew(runningContainers.get());
        } catch (RuntimeException failure) {
            if (!ended.get()) {
                close();
                listener.onError(failure);
            }
        }
    }

    private void followNew(List<Container> containers) {
        for (Container container : containers) {
            if (!ended.get() && !follows.containsKey(container.getId())) {
                follow(container);
            }
        }
    }

    private void follow(Container container) {
        String id = container.getId();
        Optional<DeploymentId> deployment = DockerContainerLabels.deployment(container.getLabels());
        Instant after = lastHeard.getOrDefault(id, start.minusNanos(1));
        ResultCallback.Adapter<Frame> callback =
                new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Frame frame) {
                        for (LogLine line : DockerLogFrames.lines(frame, deployment)) {
                            hear(id, line);
                        }
                    }

                    @Override
                    public void onError(Throwable throwable) {
                        // The container stopped or was removed; the poll picks up a restart.
                        follows.remove(id, this);
                        super.onError(throwable);
                    }

                    @Override
                    public void onComplete() {
                        follows.remove(id, this);
                        super.onComplete();
                    }
                };
        follows.put(id, callback);
        try {
            follower.logContainerCmd(id)
                    .withStdOut(true)
                    .withStdErr(true)
                    .withTimestamps(true)
                    .withFollowStream(true)
                    // Whole seconds: lines up to a second before are dropped in hear().
                    .withSince((int) after.getEpochSecond())
                    .exec(callback);
        } catch (RuntimeException gone) {
            // Removed since it was listed; the next poll no longer sees it.
            follows.remove(id, callback);
        }
        if (ended.get()) {
            DockerEngineLogSource.closeQuietly(callback);
        }
    }

    private void hear(String container, LogLine line) {
        synchronized (hearing) {
            Instant after = lastHeard.getOrDefault(container, start.minusNanos(1));
            if (ended.get() || !line.timestamp().isAfter(after)) {
                return;
            }
            lastHeard.put(container, line.timestamp());
            if (search.map(line.text()::contains).orElse(true)) {
                listener.onLine(line);
            }
        }
    }

    @Override
    public void close() {
        if (ended.compareAndSet(false, true)) {
            poller.shutdownNow();
            follows.values().forEach(DockerEngineLogSource::closeQuietly);
            follows.clear();
        }
    }
}
