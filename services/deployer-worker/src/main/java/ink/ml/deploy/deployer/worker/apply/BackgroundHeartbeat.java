package ink.ml.deploy.deployer.worker.apply;

import ink.ml.deploy.deployer.worker.run.ActivityHeartbeat;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Heartbeats the calling activity from a daemon thread while a step that cannot heartbeat by itself
 * runs (an apply that may pull an image, a delete that waits for the engine). With a heartbeat
 * timeout on the step, a deployer that dies in it is noticed within that timeout, not after the
 * step's whole start-to-close. Outside an activity (tests calling the target directly) it does
 * nothing.
 *
 * <p>A cancellation that a beat learns of is not acted on here: the step is idempotent and short,
 * so it finishes, and the workflow (which waits for it) sees it end.
 */
final class BackgroundHeartbeat implements AutoCloseable {
    /** Well inside the deploy workflow's 30 s heartbeat timeout, so one late beat is harmless. */
    static final Duration EVERY = Duration.ofSeconds(10);

    private static final Logger LOG = Logger.getLogger(BackgroundHeartbeat.class);

    private final Optional<ScheduledExecutorService> beats;

    private BackgroundHeartbeat(Optional<ScheduledExecutorService> beats) {
        this.beats = beats;
    }

    /** Starts beating at once, then every {@code every}, with {@code details} (no secrets). */
    static BackgroundHeartbeat start(String details, Duration every) {
        Optional<ActivityExecutionContext> context = ActivityHeartbeat.current();
        if (context.isEmpty()) {
            return new BackgroundHeartbeat(Optional.empty());
        }
        String activityType = context.get().getInfo().getActivityType();
        ScheduledExecutorService beats =
                Executors.newSingleThreadScheduledExecutor(
                        task -> {
                            Thread thread = new Thread(task, "heartbeat of " + activityType);
                            thread.setDaemon(true);
                            return thread;
                        });
        beats.scheduleAtFixedRate(
                () -> beat(context.get(), details), 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return new BackgroundHeartbeat(Optional.of(beats));
    }

    /** Never throws: an exception would end the schedule, and with it every later beat. */
    private static void beat(ActivityExecutionContext context, String details) {
        try {
            context.heartbeat(details);
        } catch (ActivityCompletionException cancelledOrTimedOut) {
            // The step finishes by itself (see the class comment).
        } catch (RuntimeException e) {
            LOG.debugf(e, "a heartbeat of %s was not sent", details);
        }
    }

    @Override
    public void close() {
        beats.ifPresent(ScheduledExecutorService::shutdownNow);
    }
}
