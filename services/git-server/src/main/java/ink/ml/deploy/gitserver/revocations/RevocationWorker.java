package ink.ml.deploy.gitserver.revocations;

import ink.ml.deploy.domain.Region;
import ink.ml.deploy.domain.TaskQueues;
import ink.ml.deploy.gitauth.config.GitServerConfig;
import ink.ml.deploy.workflow.git.GitTokenRevocationActivities;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The git-server's Temporal worker: polls {@code git-server-{mcpdeploy.git-server.region}} for the
 * revocations the product plane publishes ({@link GitTokenRevocationActivities}). It is started
 * here rather than by quarkus-temporal ({@code quarkus.temporal.start-workers=false}) because the
 * git-server must start, and serve pushes, while Temporal is unreachable: the worker is started in
 * the background and tried again, backing off up to {@link #LONGEST_WAIT}, until Temporal answers.
 * Revocations published meanwhile wait in the queue.
 */
@ApplicationScoped
public class RevocationWorker {
    static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    private static final Logger LOG = Logger.getLogger(RevocationWorker.class);

    private final WorkflowClient client;
    private final GitTokenRevocationActivities activities;
    private final String queue;
    private final ScheduledExecutorService starter =
            Executors.newSingleThreadScheduledExecutor(
                    runnable -> {
                        Thread thread = new Thread(runnable, "git-server-revocation-worker");
                        thread.setDaemon(true);
                        return thread;
                    });
    private volatile WorkerFactory factory;

    public RevocationWorker(
            WorkflowClient client,
            GitTokenRevocationActivities activities,
            GitServerConfig config) {
        this.client = client;
        this.activities = activities;
        this.queue = TaskQueues.gitServer(Region.of(config.region()));
    }

    /** The queue this worker polls. */
    public String queue() {
        return queue;
    }

    /** Whether the worker is polling (Temporal answered). */
    public boolean started() {
        return factory != null;
    }

    void start(@Observes StartupEvent event) {
        starter.execute(() -> tryStart(FIRST_WAIT));
    }

    void stop(@Observes ShutdownEvent event) {
        starter.shutdownNow();
        WorkerFactory running = factory;
        if (running != null) {
            running.shutdown();
            running.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private void tryStart(Duration wait) {
        WorkerFactory attempt = WorkerFactory.newInstance(client);
        try {
            attempt.newWorker(queue).registerActivitiesImplementations(activities);
            attempt.start();
            factory = attempt;
            LOG.infof("taking git token revocations from Temporal queue %s", queue);
        } catch (RuntimeException e) {
            attempt.shutdownNow();
            LOG.warnf(
                    "Temporal is unreachable (%s): git token revocations wait in queue %s; trying"
                            + " again in %s",
                    e.getMessage(), queue, wait);
            Duration next = wait.multipliedBy(2);
            starter.schedule(
                    () -> tryStart(next.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : next),
                    wait.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }
}
