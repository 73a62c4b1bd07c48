package ink.ml.deploy.worker.deploy;

import ink.ml.deploy.worker.WorkflowTestDoubles;
import ink.ml.deploy.workflow.StepFailure;
import ink.ml.deploy.workflow.deploy.BuildActivities;
import ink.ml.deploy.workflow.deploy.BuildOutput;
import ink.ml.deploy.workflow.deploy.BuildRequest;
import ink.ml.deploy.workflow.deploy.BuildResult;
import ink.ml.deploy.workflow.deploy.DeployServiceWorkflow;
import io.quarkiverse.temporal.TemporalActivity;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCanceledException;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Test double of the cluster's build, on the deployer queue: follows a script instead of cloning
 * and building. Sends its output lines to the deploy workflow by signal, like the real one, then
 * succeeds (handing over the last lines with its result), fails with a {@link StepFailure}, or
 * heartbeats until it is cancelled.
 */
@TemporalActivity(workers = WorkflowTestDoubles.WORKER)
public class ScriptedBuildActivities implements BuildActivities {
    private enum Ending {
        SUCCEED,
        FAIL,
        RUN_UNTIL_CANCELLED,
        HOLD_UNTIL_RELEASED,
        EACH_UNTIL_FINISHED
    }

    private static final Duration GIVE_UP = Duration.ofSeconds(30);

    /** A held build is released by its test; this only keeps a failed test from hanging. */
    private static final Duration HOLD_AT_MOST = Duration.ofMinutes(3);

    private final List<BuildRequest> calls = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch stoppedByCancellation = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final Map<String, CountDownLatch> finishes = new ConcurrentHashMap<>();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private volatile WorkflowClient client;
    private volatile List<List<String>> output = List.of();
    private volatile List<String> trailingOutput = List.of();
    private volatile Ending ending = Ending.SUCCEED;
    private volatile String failureType;
    private volatile String failureReason;

    /** The client to signal build output with. */
    public ScriptedBuildActivities signallingThrough(WorkflowClient client) {
        this.client = client;
        return this;
    }

    /** Output to send, chunk by chunk (each chunk one signal), before the build ends. */
    @SafeVarargs
    public final ScriptedBuildActivities emitting(List<String>... chunks) {
        this.output = List.of(chunks);
        return this;
    }

    public ScriptedBuildActivities failingWith(String type, String reason) {
        this.ending = Ending.FAIL;
        this.failureType = type;
        this.failureReason = reason;
        return this;
    }

    /** Output returned with a successful result, after the signalled chunks, like the real one. */
    public ScriptedBuildActivities handingOver(List<String> lines) {
        this.trailingOutput = List.copyOf(lines);
        return this;
    }

    /** Builds "forever", heartbeating, until the deploy workflow cancels it. */
    public ScriptedBuildActivities runningUntilCancelled() {
        this.ending = Ending.RUN_UNTIL_CANCELLED;
        return this;
    }

    /**
     * Builds, heartbeating, until the test {@link #release releases} it, then stops at its
     * cancellation: one that arrives while it is held is acted on only after the release, like a
     * build step that cannot be interrupted.
     */
    public ScriptedBuildActivities heldUntilReleased() {
        this.ending = Ending.HOLD_UNTIL_RELEASED;
        return this;
    }

    /**
     * Each build runs, heartbeating, until the test {@link #finish finishes} it, then succeeds:
     * builds of several deployments at once, ended one by one.
     */
    public ScriptedBuildActivities eachUntilFinished() {
        this.ending = Ending.EACH_UNTIL_FINISHED;
        return this;
    }

    /** Lets the build of the deployment succeed, whether it has started yet or not. */
    public void finish(String deploymentId) {
        finishOf(deploymentId).countDown();
    }

    /** The deployments whose builds run now (started, not finished). */
    public Set<String> running() {
        return Set.copyOf(running);
    }

    /** Lets a held build go on to its cancellation. */
    public void release() {
        released.countDown();
    }

    /** Whether a held build is still held. */
    public boolean isHeld() {
        return released.getCount() > 0;
    }

    @Override
    public BuildResult buildImage(BuildRequest request) {
        calls.add(request);
        int lineNo = 1;
        for (List<String> chunk : output) {
            client.newWorkflowStub(DeployServiceWorkflow.class, request.workflowId())
                    .buildOutput(new BuildOutput(lineNo, chunk));
            lineNo += chunk.size();
        }
        started.countDown();
        return switch (ending) {
            case SUCCEED ->
                    BuildResult.of(request.imageRef(), 8080, false)
                            .withTrailingOutput(
                                    trailingOutput.isEmpty()
                                            ? null
                                            : new BuildOutput(lineNo, trailingOutput));
            case FAIL -> throw StepFailure.of(failureType, failureReason);
            case RUN_UNTIL_CANCELLED -> heartbeatUntilCancelled(request, lineNo);
            case HOLD_UNTIL_RELEASED -> holdUntilReleased(request, lineNo);
            case EACH_UNTIL_FINISHED -> runUntilFinished(request);
        };
    }

    private BuildResult runUntilFinished(BuildRequest request) {
        ActivityExecutionContext context = Activity.getExecutionContext();
        CountDownLatch finished = finishOf(request.deploymentId());
        Instant giveUp = Instant.now().plus(HOLD_AT_MOST);
        running.add(request.deploymentId());
        try {
            while (!finished.await(20, TimeUnit.MILLISECONDS)) {
                if (Instant.now().isAfter(giveUp)) {
                    throw new IllegalStateException("the build was never finished");
                }
                context.heartbeat(null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building", e);
        } finally {
            running.remove(request.deploymentId());
        }
        return BuildResult.of(request.imageRef(), 8080, false);
    }

    private CountDownLatch finishOf(String deploymentId) {
        return finishes.computeIfAbsent(deploymentId, id -> new CountDownLatch(1));
    }

    private BuildResult holdUntilReleased(BuildRequest request, int nextLineNo) {
        ActivityExecutionContext context = Activity.getExecutionContext();
        Instant giveUp = Instant.now().plus(HOLD_AT_MOST);
        ActivityCanceledException cancellation = null;
        try {
            while (!released.await(20, TimeUnit.MILLISECONDS)) {
                if (Instant.now().isAfter(giveUp)) {
                    throw new IllegalStateException("the held build was never released");
                }
                try {
                    context.heartbeat(null);
                } catch (ActivityCanceledException e) {
                    cancellation = e;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while held", e);
        }
        if (cancellation == null) {
            return heartbeatUntilCancelled(request, nextLineNo);
        }
        client.newWorkflowStub(DeployServiceWorkflow.class, request.workflowId())
                .buildOutput(new BuildOutput(nextLineNo, List.of("build stopped")));
        stoppedByCancellation.countDown();
        throw cancellation;
    }

    private BuildResult heartbeatUntilCancelled(BuildRequest request, int nextLineNo) {
        ActivityExecutionContext context = Activity.getExecutionContext();
        Instant giveUp = Instant.now().plus(GIVE_UP);
        try {
            while (Instant.now().isBefore(giveUp)) {
                context.heartbeat(null);
                Thread.sleep(20);
            }
        } catch (ActivityCanceledException e) {
            // Like the real build: the last words of the stopped build still reach the log.
            client.newWorkflowStub(DeployServiceWorkflow.class, request.workflowId())
                    .buildOutput(new BuildOutput(nextLineNo, List.of("build stopped")));
            stoppedByCancellation.countDown();
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("the scripted build was never cancelled");
    }

    public List<BuildRequest> calls() {
        return List.copyOf(calls);
    }

    /** Waits until the build is running (its output is sent). */
    public void awaitStarted() throws InterruptedException {
        if (!started.await(GIVE_UP.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the build never started");
        }
    }

    /** Whether the build saw its cancellation and stopped. */
    public boolean stoppedByCancellation() {
        return stoppedByCancellation.getCount() == 0;
    }
}
