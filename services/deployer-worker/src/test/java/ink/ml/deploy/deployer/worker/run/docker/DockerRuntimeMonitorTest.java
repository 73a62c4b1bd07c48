package ink.ml.deploy.deployer.worker.run.docker;

import static ink.ml.deploy.deployer.worker.run.docker.AppEngineFixture.hostname;
import static ink.ml.deploy.deployer.worker.run.docker.AppEngineFixture.newUser;
import static ink.ml.deploy.deployer.worker.run.docker.AppEngineFixture.sha;
import static ink.ml.deploy.deployer.worker.run.docker.AppEngineFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ink.ml.deploy.deployer.worker.run.RuntimeState;
import ink.ml.deploy.deployer.worker.run.docker.AppImages.App;
import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.ServiceRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The runtime monitor on a real private engine with gVisor: crash reports and adoption. */
class DockerRuntimeMonitorTest {
    private static AppEngineFixture fixture;

    @BeforeAll
    static void startEngine() throws Exception {
        fixture = AppEngineFixture.start();
    }

    @AfterAll
    static void stopEngine() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void killedAppIsReportedCrashedThenRunningOnceDockerRestartedIt() throws Exception {
        ServiceRef service = ServiceRef.of(newUser(), "shop", "web");
        DeploymentId deployment = DeploymentId.of("d1");
        InMemoryEdgeRoutes edge = new InMemoryEdgeRoutes();
        RolloutsInFlight rollouts = new RolloutsInFlight();
        DockerExecutionTarget target = fixture.target(fixture.config, edge, rollouts);
        target.apply(
                spec(service, "d1", fixture.images.push(App.WEB, service, sha('1')), Map.of()));
        target.awaitRollout(service, deployment);
        RecordingStatusReporter reporter = new RecordingStatusReporter();

        try (DockerRuntimeMonitor monitor =
                new DockerRuntimeMonitor(fixture.docker, edge, reporter, rollouts)) {
            monitor.start(fixture.config.monitorInterval());
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> monitor.liveContainer(hostname(service)).isPresent());
            assertThat(reporter.reports()).isEmpty();

            // The app's own process dies; its shell exits 7 and Docker restarts the container.
            fixture.execDetached(service, "d1", "/busybox kill -9 $(/busybox cat /app.pid)");

            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () ->
                                    reporter.states(deployment)
                                            .equals(
                                                    List.of(
                                                            RuntimeState.CRASHED,
                                                            RuntimeState.RUNNING)));
        }
        RecordingStatusReporter.Report crash = reporter.reports().get(0);
        assertThat(crash.reason()).contains("exited with code 7").contains("restarted 1 time");
        assertThat(reporter.reports().get(1).reason()).contains("running again");
        // Restarted, it answers again where the edge sends requests.
        String upstream = edge.routes().get(hostname(service));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> TcpProbe.accepts(upstream.split(":")[0], 8080, Duration.ofSeconds(1)));
    }

    @Test
    void aNewMonitorRebuildsTheRoutesFromTheContainersLabels() throws Exception {
        String user = newUser();
        ServiceRef web = ServiceRef.of(user, "shop", "web");
        ServiceRef api = ServiceRef.of(user, "shop", "api");
        InMemoryEdgeRoutes before = new InMemoryEdgeRoutes();
        DockerExecutionTarget target = fixture.target(before);
        for (ServiceRef service : List.of(web, api)) {
            target.apply(
                    spec(service, "d1", fixture.images.push(App.WEB, service, sha('2')), Map.of()));
            target.awaitRollout(service, DeploymentId.of("d1"));
        }

        // A restarted platform: an empty edge and a monitor that knows nothing yet.
        InMemoryEdgeRoutes after = new InMemoryEdgeRoutes();
        try (DockerRuntimeMonitor monitor =
                new DockerRuntimeMonitor(
                        fixture.docker,
                        after,
                        new RecordingStatusReporter(),
                        new RolloutsInFlight())) {
            monitor.look();
        }

        assertThat(after.routes())
                .containsEntry(hostname(web), before.routes().get(hostname(web)))
                .containsEntry(hostname(api), before.routes().get(hostname(api)));
        assertThat(after.changes()).allMatch(InMemoryEdgeRoutes.Change::upstreamAccepted);
    }

    @Test
    void aRouteToAnAddressNoContainerHasMovesToTheServicesRunningContainer() throws Exception {
        ServiceRef service = ServiceRef.of(newUser(), "shop", "web");
        InMemoryEdgeRoutes edge = new InMemoryEdgeRoutes();
        DockerExecutionTarget target = fixture.target(edge);
        target.apply(
                spec(service, "d1", fixture.images.push(App.WEB, service, sha('3')), Map.of()));
        target.awaitRollout(service, DeploymentId.of("d1"));
        String upstream = edge.routes().get(hostname(service));
        edge.route(hostname(service), "10.210.255.254:8080");

        try (DockerRuntimeMonitor monitor =
                new DockerRuntimeMonitor(
                        fixture.docker,
                        edge,
                        new RecordingStatusReporter(),
                        new RolloutsInFlight())) {
            monitor.look();
        }

        assertThat(edge.routes()).containsEntry(hostname(service), upstream);
    }
}
