package ink.ml.deploy.deployer.worker.build;

import ink.ml.deploy.workflow.deploy.BuildActivities;
import ink.ml.deploy.workflow.deploy.BuildOutput;
import ink.ml.deploy.workflow.deploy.BuildRequest;
import ink.ml.deploy.workflow.deploy.BuildResult;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The build activity, bound to the deployer-worker's default worker (queue {@code
 * deployer-{region}}). The build runs on its own thread; the activity's thread meanwhile sends the
 * output to the deploy workflow in batches and heartbeats, which is how a cancelled deployment (a
 * newer push, a delete) reaches the worker: the heartbeat throws, and the build's process tree is
 * killed. The output still undelivered when the build succeeds is returned with its result.
 *
 * <p>The workflow should set a heartbeat timeout of tens of seconds, so a crashed worker's build is
 * retried elsewhere soon, and a start-to-close timeout above {@code mcpdeploy.builder.timeout} plus
 * the clone's.
 */
@ApplicationScoped
public class BuildActivitiesImpl implements BuildActivities {
    private static final Logger LOG = Logger.getLogger(BuildActivitiesImpl.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final BuildPipeline pipeline;
    private final BuildOutputSink sink;
    private final OutputLimits limits;
    private final ExecutorService builds = Executors.newCachedThreadPool(new BuildThreads());

    @Inject
    public BuildActivitiesImpl(BuildPipeline pipeline, BuildOutputSink sink, BuildConfig config) {
        this(pipeline, sink, OutputLimits.of(config.output()));
    }

    public BuildActivitiesImpl(BuildPipeline pipeline, BuildOutputSink sink, OutputLimits limits) {
        this.pipeline = pipeline;
        this.sink = sink;
        this.limits = limits;
    }

    @Override
    public BuildResult buildImage(BuildRequest request) {
        ActivityExecutionContext activity = Activity.getExecutionContext();
        Cancellation cancellation = new Cancellation();
        BuildOutputBuffer output = limits.newBuffer();
        Future<BuildResult> build =
                builds.submit(() -> pipeline.run(request, output::add, cancellation));
        try {
            while (true) {
                try {
                    BuildResult result =
                            build.get(limits.flushInterval().toMillis(), TimeUnit.MILLISECONDS);
                    return result.withTrailingOutput(handOver(request.workflowId(), output));
                } catch (TimeoutException stillRunning) {
                    deliverSome(request.workflowId(), output);
                    activity.heartbeat(output.linesSeen());
                }
            }
        } catch (ActivityCompletionException e) {
            // Cancelled, timed out or the worker is shutting down: stop the build, then give up.
            cancellation.cancel();
            awaitStopped(build);
            throw e;
        } catch (ExecutionException e) {
            deliverAll(request.workflowId(), output);
            throw unwrap(e.getCause());
        } catch (InterruptedException e) {
            cancellation.cancel();
            Thread.currentThread().interrupt();
            throw Activity.wrap(e);
        }
    }

    /** While the build runs: what has accumulated, a few batches at most per tick. */
    private void deliverSome(String workflowId, BuildOutputBuffer output) {
        for (int i = 0; i < 5; i++) {
            if (!deliverNext(workflowId, output)) {
                return;
            }
        }
    }

    /**
     * After a successful build: signals all but the last batch, which travels with the result
     * instead (a signal and a workflow task less at the end of every build). Empty when everything
     * was delivered.
     */
    private BuildOutput handOver(String workflowId, BuildOutputBuffer output) {
        while (output.hasMoreThanOneBatch() && deliverNext(workflowId, output)) {
            // next batch
        }
        return output.takeBatch().orElse(null);
    }

    /** After a failed build: everything, unless the workflow cannot be reached. */
    private void deliverAll(String workflowId, BuildOutputBuffer output) {
        while (deliverNext(workflowId, output)) {
            // next batch
        }
    }

    private boolean deliverNext(String workflowId, BuildOutputBuffer output) {
        Optional<BuildOutput> batch = output.nextBatch();
        if (batch.isEmpty()) {
            return false;
        }
        try {
            sink.send(workflowId, batch.get());
        } catch (RuntimeException e) {
            // The log is not worth failing a build for: keep the batch and try on the next tick.
            LOG.warnf(
                    "build output for %s not delivered (lines from %d): %s",
                    workflowId, batch.get().firstLineNo(), e.toString());
            return false;
        }
        output.delivered(batch.get());
        return true;
    }

    private static void awaitStopped(Future<BuildResult> build) {
        try {
            build.get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // Expected: the build ends with a CancellationException (or did not stop in time).
        }
    }

    private static RuntimeException unwrap(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        return Activity.wrap(cause);
    }

    @PreDestroy
    void stopBuilds() {
        builds.shutdownNow();
    }

    private static final class BuildThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, "build-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
