package ink.ml.deploy.observability.logs;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.observability.ObservabilityUnavailableException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runtime logs from the Docker engine that runs a region's apps: the logs API of each of the
 * service's containers, found by the labels the Docker target puts on them. Exited containers are
 * read too, since a crashed app's last lines are what its owner needs. The engine filters by whole
 * seconds; the exact window, the search and the page are applied here.
 */
public final class DockerEngineLogSource implements RuntimeLogSource {
    static final String DEPENDENCY = "the Docker engine";

    /**
     * Docker's {@code tail} counts lines before it applies {@code since}/{@code until}, so lines
     * newer than {@code until} use up part of it. A first read asks for this many times the page
     * (enough when {@code until} is about now, the usual read). When that did not reach back past
     * {@code since} and did not fill the page, a second read takes the whole window, which the
     * engine filters itself; of it only the newest page is kept, so memory stays the page's and the
     * time is bounded by the timeout.
     */
    private static final int TAIL_MARGIN = 4;

    private final String host;
    private final Duration timeout;
    private final Clock clock;
    private final DockerClient docker;
    private final DockerClient follower;

    public DockerEngineLogSource(String dockerHost, Duration timeout) {
        this(dockerHost, timeout, Clock.systemUTC());
    }

    DockerEngineLogSource(String dockerHost, Duration timeout, Clock clock) {
        this.host = dockerHost;
        this.timeout = timeout;
        this.clock = clock;
        this.docker = DockerEngineConnections.connect(dockerHost, timeout, Optional.of(timeout));
        this.follower = DockerEngineConnections.connect(dockerHost, timeout, Optional.empty());
    }

    @Override
    public LogPage read(ServiceRef service, LogQuery query) {
        int wanted = query.limit() + 1;
        // One timeout for the whole read, however many containers the service has had.
        long deadline = System.nanoTime() + timeout.toNanos();
        List<LogLine> lines = new ArrayList<>();
        for (Container container : containers(service, query.deployment(), true)) {
            lines.addAll(newest(container, query, wanted, deadline));
        }
        lines.sort(Comparator.comparing(LogLine::timestamp).reversed());
        boolean truncated = lines.size() > query.limit();
        List<LogLine> page =
                new ArrayList<>(lines.subList(0, Math.min(lines.size(), query.limit())));
        Collections.reverse(page);
        return new LogPage(page, truncated);
    }

    @Override
    public LogTail tail(ServiceRef service, Optional<String> search, LogTail.Listener listener) {
        DockerLogTail tail =
                new DockerLogTail(
                        () -> containers(service, Optional.empty(), false),
                        follower,
                        clock.instant(),
                        search,
                        listener);
        tail.start();
        return tail;
    }

    /** The service's containers (running only, or every one). */
    private List<Container> containers(
            ServiceRef service, Optional<DeploymentId> deployment, boolean exitedToo) {
        return engine(
                () ->
                        docker.listContainersCmd()
                                .withShowAll(exitedToo)
                                .withLabelFilter(
                                        DockerContainerLabels.selector(service, deployment))
                                .exec());
    }

    /** The newest {@code wanted} lines of one container in the query's window. */
    private List<LogLine> newest(Container container, LogQuery query, int wanted, long deadline) {
        Window first = read(container, query, wanted, Optional.of(wanted * TAIL_MARGIN), deadline);
        if (first.kept.size() >= wanted || !first.mayHaveMore()) {
            return List.copyOf(first.kept);
        }
        return List.copyOf(read(container, query, wanted, Optional.empty(), deadline).kept);
    }

    private Window read(
            Container container,
            LogQuery query,
            int wanted,
            Optional<Integer> tail,
            long deadline) {
        Optional<DeploymentId> deployment = DockerContainerLabels.deployment(container.getLabels());
        Window window = new Window(query, wanted, tail);
        var command =
                docker.logContainerCmd(container.getId())
                        .withStdOut(true)
                        .withStdErr(true)
                        .withTimestamps(true)
                        .withSince((int) query.since().getEpochSecond())
                        // Whole seconds, rounded up: the exact end is applied per line.
                        .withUntil(
                                (int) query.until().plusSeconds(1).minusNanos(1).getEpochSecond());
        tail.ifPresentOrElse(command::withTail, command::withTailAll);
        ResultCallback.Adapter<Frame> callback =
                new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Frame frame) {
                        DockerLogFrames.lines(frame, deployment).forEach(window::offer);
                    }
                };
        engine(
                () -> {
                    try {
                        command.exec(callback);
                        long left = Math.max(0, deadline - System.nanoTime());
                        if (!callback.awaitCompletion(left, TimeUnit.NANOSECONDS)) {
                            throw unavailable(
                                    "did not send the logs within " + seconds(timeout), null);
                        }
                    } catch (NotFoundException removed) {
                        // Removed since it was listed: it has no lines left to read.
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw unavailable("the read was interrupted", e);
                    } finally {
                        closeQuietly(callback);
                    }
                    return null;
                });
        return window;
    }

    /**
     * One read of one container: keeps the newest {@code wanted} lines in the window (so memory is
     * the page's, however many lines the engine sends) and the time of the oldest line it sent.
     */
    private static final class Window {
        private final LogQuery query;
        private final int wanted;
        private final Optional<Integer> tail;
        private final Deque<LogLine> kept = new ArrayDeque<>();
        private Instant oldestSent;

        Window(LogQuery query, int wanted, Optional<Integer> tail) {
            this.query = query;
            this.wanted = wanted;
            this.tail = tail;
        }

        void offer(LogLine line) {
            if (oldestSent == null || line.timestamp().isBefore(oldestSent)) {
                oldestSent = line.timestamp();
            }
            if (line.timestamp().isBefore(query.since())
                    || !line.timestamp().isBefore(query.until())
                    || query.search().map(text -> !line.text().contains(text)).orElse(false)) {
                return;
            }
            kept.addLast(line);
            if (kept.size() > wanted) {
                kept.removeFirst();
            }
        }

        /**
         * Whether lines of the window may exist that the tail did not reach: none of what came back
         * is older than the window. (How many lines the engine skipped cannot be told: it drops
         * those after {@code until} silently, and stops there.)
         */
        boolean mayHaveMore() {
            return tail.isPresent() && (oldestSent == null || !oldestSent.isBefore(query.since()));
        }
    }

    interface EngineCall<T> {
        T call();
    }

    /** Runs a call to the engine; its failures become UNAVAILABLE naming the engine. */
    private <T> T engine(EngineCall<T> call) {
        try {
            return call.call();
        } catch (ObservabilityUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    private ObservabilityUnavailableException failure(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return unavailable("did not answer within " + seconds(timeout), e);
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason =
                root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return unavailable("cannot be reached at " + host + " (" + shorten(reason) + ")", e);
    }

    static ObservabilityUnavailableException unavailable(String problem, Throwable cause) {
        return new ObservabilityUnavailableException(DEPENDENCY, problem, cause);
    }

    private static String shorten(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0
                ? duration.toSeconds() + " s"
                : duration.toMillis() + " ms";
    }

    static void closeQuietly(ResultCallback<?> callback) {
        try {
            callback.close();
        } catch (IOException | RuntimeException e) {
            // Closing a finished stream: nothing left to release.
        }
    }
}
