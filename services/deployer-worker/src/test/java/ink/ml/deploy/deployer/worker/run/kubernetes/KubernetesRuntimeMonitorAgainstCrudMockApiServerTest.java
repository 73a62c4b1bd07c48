package ink.ml.deploy.deployer.worker.run.kubernetes;

import static ink.ml.deploy.deployer.worker.run.kubernetes.RuntimePods.crashLoop;
import static ink.ml.deploy.deployer.worker.run.kubernetes.RuntimePods.pod;
import static ink.ml.deploy.deployer.worker.run.kubernetes.RuntimePods.readyAfterExit;
import static ink.ml.deploy.deployer.worker.run.kubernetes.RuntimePods.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ink.ml.deploy.deployer.worker.run.RuntimeState;
import ink.ml.deploy.deployer.worker.run.kubernetes.RecordingRuntimeStatusReporter.Report;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The monitor against the fabric8 mock API server in CRUD mode: the test plays the kubelet by
 * writing pod statuses, and a recording reporter stands in for the product plane.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesRuntimeMonitorAgainstCrudMockApiServerTest {
    private static final String SHOP = "3f6c1f9e-8a4b-4c55-9a3e-0d2f7b1c9e10";
    private static final String BLOG = "9a0b7c6d-1e2f-4a3b-8c4d-5e6f7a8b9c0d";

    static KubernetesClient client;

    private final RecordingRuntimeStatusReporter reporter = new RecordingRuntimeStatusReporter();
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private KubernetesRuntimeMonitor monitor;

    @BeforeEach
    void newMonitor() {
        monitor =
                new KubernetesRuntimeMonitor(
                        client, reporter, config(Duration.ofMillis(50)), clock);
    }

    @AfterEach
    void stopMonitorAndDeletePods() {
        monitor.stop(null);
        client.pods().inAnyNamespace().delete();
    }

    @Test
    void reportsACrashLoopAcrossNamespacesAndARunningDeploymentOnceEach() {
        writePod("dp-u1-shop", "web-1", SHOP, crashLoop(4, 1, "Error"));
        writePod("dp-u2-blog", "web-1", BLOG, running(0));

        monitor.look();
        monitor.look();

        assertThat(reporter.reports())
                .containsExactlyInAnyOrder(
                        new Report(
                                SHOP,
                                RuntimeState.CRASHED,
                                "CrashLoopBackOff: exited with code 1, restarted 4 times"),
                        new Report(
                                BLOG, RuntimeState.RUNNING, "the app is ready and not restarting"));
    }

    @Test
    void reportsAnOomKillOfARunningDeploymentThenItsRecovery() {
        writePod("dp-u1-shop", "web-1", SHOP, running(0));
        monitor.look();
        reporter.clear();

        writeStatus("dp-u1-shop", "web-1", RuntimePods.startingAfterExit(1, 137, "OOMKilled"));
        monitor.look();
        // Ready just after its restart: not yet known to be steady, so nothing is said.
        writeStatus("dp-u1-shop", "web-1", readyAfterExit(2, 137, "OOMKilled"));
        monitor.look();
        monitor.look();

        assertThat(reporter.reports())
                .containsExactly(
                        new Report(
                                SHOP,
                                RuntimeState.CRASHED,
                                "OOMKilled: the app used more memory than its plan (512 Mi),"
                                        + " restarted 1 time"),
                        new Report(
                                SHOP, RuntimeState.RUNNING, "the app is ready and not restarting"));
    }

    @Test
    void ignoresPodsThePlatformDoesNotManage() {
        Pod foreign =
                new PodBuilder(pod("kube-system", "coredns-1", SHOP, crashLoop(9, 1, "Error")))
                        .editMetadata()
                        .withLabels(Map.of("k8s-app", "kube-dns"))
                        .endMetadata()
                        .build();
        writePod(foreign);

        monitor.look();

        assertThat(reporter.reports()).isEmpty();
    }

    @Test
    void reportThatCouldNotBeSentIsSentAtTheNextLook() {
        writePod("dp-u1-shop", "web-1", SHOP, crashLoop(4, 1, "Error"));
        reporter.failing(true);
        monitor.look();
        reporter.failing(false);

        monitor.look();

        assertThat(reporter.reports())
                .extracting(Report::deployment, Report::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(SHOP, RuntimeState.CRASHED));
    }

    @Test
    void crashedDeploymentIsReaffirmedAfterTheIntervalAndAHealthyOneIsNot() {
        writePod("dp-u1-shop", "web-1", SHOP, crashLoop(4, 1, "Error"));
        writePod("dp-u2-blog", "web-1", BLOG, running(0));
        monitor.look();
        reporter.clear();

        clock.advance(Duration.ofMinutes(4));
        monitor.look();
        assertThat(reporter.reports()).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        monitor.look();

        assertThat(reporter.reports())
                .extracting(Report::deployment, Report::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(SHOP, RuntimeState.CRASHED));
    }

    @Test
    void deploymentWhosePodsAreGoneIsReportedAfreshWhenItsPodsReturn() {
        writePod("dp-u1-shop", "web-1", SHOP, running(0));
        monitor.look();
        client.pods().inNamespace("dp-u1-shop").withName("web-1").delete();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> client.pods().inNamespace("dp-u1-shop").list().getItems().isEmpty());
        monitor.look();
        reporter.clear();

        writePod("dp-u1-shop", "web-2", SHOP, running(0));
        monitor.look();

        assertThat(reporter.reports())
                .extracting(Report::state)
                .containsExactly(RuntimeState.RUNNING);
    }

    @Test
    void watchesAtItsPaceOnceStartedOnTheKubernetesTarget() {
        writePod("dp-u1-shop", "web-1", SHOP, crashLoop(4, 1, "Error"));

        monitor.start();

        assertThat(monitor.isWatching()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> !reporter.reports().isEmpty());
        assertThat(reporter.reports().get(0).state()).isEqualTo(RuntimeState.CRASHED);
    }

    private void writePod(String namespace, String name, String deploymentId, ContainerStatus app) {
        writePod(pod(namespace, name, deploymentId, app));
    }

    /** Creates the pod, then writes its status as the kubelet does (the status subresource). */
    private void writePod(Pod pod) {
        String namespace = pod.getMetadata().getNamespace();
        if (client.namespaces().withName(namespace).get() == null) {
            client.namespaces()
                    .resource(
                            new NamespaceBuilder()
                                    .withNewMetadata()
                                    .withName(namespace)
                                    .endMetadata()
                                    .build())
                    .create();
        }
        client.resource(new PodBuilder(pod).withStatus(null).build()).create();
        client.pods()
                .inNamespace(namespace)
                .withName(pod.getMetadata().getName())
                .editStatus(current -> new PodBuilder(current).withStatus(pod.getStatus()).build());
    }

    private void writeStatus(String namespace, String name, ContainerStatus app) {
        client.pods()
                .inNamespace(namespace)
                .withName(name)
                .editStatus(
                        current ->
                                new PodBuilder(current)
                                        .editStatus()
                                        .withContainerStatuses(app)
                                        .endStatus()
                                        .build());
    }

    private static KubernetesRuntimeConfig config(Duration pollInterval) {
        return new KubernetesRuntimeConfig() {
            @Override
            public Duration pollInterval() {
                return pollInterval;
            }

            @Override
            public Duration reaffirmInterval() {
                return Duration.ofMinutes(5);
            }
        };
    }

    /** The monitor's clock, moved by the test: reaffirming is decided on it, never on real time. */
    private static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
