package ink.ml.deploy.testing;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Plays the Deployment controller and the kubelet for the fabric8 mock API server, which stores
 * what is written but runs no controllers: whenever a Deployment's status does not describe its
 * current generation as fully available (it was just created, or its template changed), it writes a
 * status that does (observedGeneration = generation, one replica updated, ready and available). No
 * pods are created; the deployer's rollout check needs none when the counts say ready.
 *
 * <p>This is the "test marks the Deployment available" part of the integration tests, and what
 * makes the local platform's in-memory Kubernetes API report rollouts done: nothing runs the image.
 */
public final class MockDeploymentController implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);

    private final KubernetesClient client;
    private final Thread thread;
    private volatile boolean running = true;

    private MockDeploymentController(KubernetesClient client) {
        this.client = client;
        this.thread = new Thread(this::run, "mock-deployment-controller");
        this.thread.setDaemon(true);
    }

    public static MockDeploymentController start(KubernetesClient client) {
        MockDeploymentController controller = new MockDeploymentController(client);
        controller.thread.start();
        return controller;
    }

    private void run() {
        while (running) {
            try {
                client.apps().deployments().inAnyNamespace().list().getItems().stream()
                        .filter(deployment -> !available(deployment))
                        .forEach(this::markAvailable);
            } catch (KubernetesClientException e) {
                // A write raced with the deployer's update (conflict) or the server is stopping:
                // the next look sees the current state.
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static boolean available(Deployment deployment) {
        DeploymentStatus status = deployment.getStatus();
        if (status == null) {
            return false;
        }
        return Objects.equals(status.getObservedGeneration(), generation(deployment))
                && Objects.equals(status.getReplicas(), 1)
                && Objects.equals(status.getUpdatedReplicas(), 1)
                && Objects.equals(status.getAvailableReplicas(), 1);
    }

    private void markAvailable(Deployment deployment) {
        client.apps()
                .deployments()
                .inNamespace(deployment.getMetadata().getNamespace())
                .withName(deployment.getMetadata().getName())
                .editStatus(
                        current ->
                                new DeploymentBuilder(current)
                                        .withStatus(
                                                new DeploymentStatusBuilder()
                                                        .withObservedGeneration(generation(current))
                                                        .withReplicas(1)
                                                        .withUpdatedReplicas(1)
                                                        .withReadyReplicas(1)
                                                        .withAvailableReplicas(1)
                                                        .build())
                                        .build());
    }

    /** The mock sets generation on writes; a Deployment without one counts as generation 1. */
    private static Long generation(Deployment deployment) {
        return Optional.ofNullable(deployment.getMetadata().getGeneration()).orElse(1L);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
