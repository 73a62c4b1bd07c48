package ink.ml.deploy.worker.deploy;

import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.domain.DeploymentStep;
import ink.ml.deploy.domain.EventStatus;
import ink.ml.deploy.domain.IllegalStatusTransitionException;
import ink.ml.deploy.platform.deployments.DeploymentRecords;
import ink.ml.deploy.platform.deployments.DeploymentView;
import ink.ml.deploy.workflow.WorkflowIds;
import ink.ml.deploy.workflow.metrics.DeploymentOutcomeMeter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Latest wins: stops a service's in-flight deployment before a newer one is recorded (or before the
 * service's workload is deleted). Cancels its deploy workflow, which stops the build and marks the
 * deployment cancelled, and waits until the database shows it is no longer in flight. A
 * cancellation asked for through the APIs uses the two halves apart: the request answers at once,
 * the wait runs in a {@code CancellationWatchWorkflow}. Called from activities, never from workflow
 * code.
 */
@ApplicationScoped
public class InFlightDeployments {
    private static final Logger LOG = Logger.getLogger(InFlightDeployments.class);

    private final WorkflowClient client;
    private final DeploymentRecords records;
    private final DeployConfig config;
    private final DeploymentOutcomeMeter outcomes;

    @Inject
    public InFlightDeployments(
            WorkflowClient client,
            DeploymentRecords records,
            DeployConfig config,
            MeterRegistry meters) {
        this.client = client;
        this.records = records;
        this.config = config;
        this.outcomes = new DeploymentOutcomeMeter(meters);
    }

    /** For code that wires the worker by hand: its counts go to a registry nobody exports. */
    public InFlightDeployments(
            WorkflowClient client, DeploymentRecords records, DeployConfig config) {
        this(client, records, config, new SimpleMeterRegistry());
    }

    /**
     * Cancels the service's in-flight deployment, if any, and returns once it has stopped. One that
     * does not stop within the configured wait is terminated and marked cancelled.
     *
     * @param heartbeat called while waiting, so the calling activity keeps heartbeating
     * @return the deployment that was in flight
     */
    public Optional<UUID> cancelAndAwait(UUID serviceId, Runnable heartbeat) {
        Optional<DeploymentView> inFlight = records.inFlightOf(serviceId);
        if (inFlight.isEmpty()) {
            return Optional.empty();
        }
        UUID deploymentId = UUID.fromString(inFlight.get().id());
        cancelAndAwaitDeployment(deploymentId, heartbeat);
        return Optional.of(deploymentId);
    }

    /**
     * Cancels one deployment and returns once it is no longer in flight; one that has already ended
     * is left as it is.
     *
     * @param heartbeat called while waiting, so the calling activity keeps heartbeating
     */
    public void cancelAndAwaitDeployment(UUID deploymentId, Runnable heartbeat) {
        requestCancellation(deploymentId);
        awaitStopped(deploymentId, heartbeat);
    }

    /**
     * Asks the deployment's deploy workflow to stop, without waiting for it; one that is not in
     * flight is left as it is. Asking twice is harmless.
     */
    public void requestCancellation(UUID deploymentId) {
        if (!records.statusOf(deploymentId).isInFlight()) {
            return;
        }
        try {
            client.newUntypedWorkflowStub(WorkflowIds.deploy(deploymentId)).cancel();
        } catch (WorkflowNotFoundException e) {
            // No workflow runs for it: it was never started (its start is still being retried) or
            // it ended without recording an end. Nothing else will move it, so end it here; a
            // workflow that starts for it later finds it cancelled and stops.
            cancelWithoutWorkflow(deploymentId);
        }
    }

    /**
     * Returns once a deployment whose cancellation was requested is no longer in flight; one that
     * has not stopped within the configured wait is terminated and marked cancelled.
     *
     * @param heartbeat called while waiting, so the calling activity keeps heartbeating
     */
    public void awaitStopped(UUID deploymentId, Runnable heartbeat) {
        Instant deadline = Instant.now().plus(config.cancellationWait());
        while (records.statusOf(deploymentId).isInFlight()) {
            if (Instant.now().isAfter(deadline)) {
                forceStop(deploymentId);
                return;
            }
            heartbeat.run();
            pause(config.cancellationPoll());
        }
    }

    private void cancelWithoutWorkflow(UUID deploymentId) {
        try {
            records.transition(
                    deploymentId, DeploymentStatus.CANCELLED, Optional.empty(), Optional.empty());
            outcomes.ended(DeploymentStatus.CANCELLED);
            records.appendEvent(
                    deploymentId,
                    DeploymentStep.CANCEL,
                    EventStatus.INFO,
                    "Cancelled before it went live: a newer deployment of the service, or its"
                            + " deletion, replaced it");
        } catch (IllegalStatusTransitionException e) {
            LOG.debugf("deployment %s had already ended (%s)", deploymentId, e.from().value());
        }
    }

    /**
     * A deploy run that has not stopped within the wait is ended by force, so it cannot hold the
     * service's newer deployments back (seen with the Temporal test server, whose workflow can be
     * left stuck when its cancellation races the build's completion; in production a run whose
     * worker is wedged). Terminating it also fails its running activities' next heartbeat, which
     * stops the build on the deployer; the deployment is then marked cancelled here.
     */
    private void forceStop(UUID deploymentId) {
        LOG.warnf(
                "deployment %s did not stop within %s of its cancellation: terminating its"
                        + " workflow",
                deploymentId, config.cancellationWait());
        try {
            client.newUntypedWorkflowStub(WorkflowIds.deploy(deploymentId))
                    .terminate(
                            "did not stop within "
                                    + config.cancellationWait()
                                    + " of its cancellation");
        } catch (WorkflowNotFoundException e) {
            // It ended meanwhile: its own end, or the one written below, stands.
        }
        cancelWithoutWorkflow(deploymentId);
    }

    private static void pause(Duration interval) {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a cancellation", e);
        }
    }
}
