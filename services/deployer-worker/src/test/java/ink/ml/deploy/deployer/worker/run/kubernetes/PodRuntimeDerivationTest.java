package ink.ml.deploy.deployer.worker.run.kubernetes;

import static ink.ml.deploy.deployer.worker.run.kubernetes.RuntimePods.crashLoop;
import static ink.ml.deploy.deployer.worker.run.kubernetes.RuntimePods.pod;
import static ink.ml.deploy.deployer.worker.run.kubernetes.RuntimePods.readyAfterExit;
import static ink.ml.deploy.deployer.worker.run.kubernetes.RuntimePods.running;
import static ink.ml.deploy.deployer.worker.run.kubernetes.RuntimePods.starting;
import static ink.ml.deploy.deployer.worker.run.kubernetes.RuntimePods.startingAfterExit;
import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.deployer.worker.run.RuntimeState;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PodRuntimeDerivationTest {
    private static final String DEPLOYMENT = "3f6c1f9e-8a4b-4c55-9a3e-0d2f7b1c9e10";

    @Test
    void crashLoopBackOffIsCrashedWithExitCodeAndRestarts() {
        Optional<RuntimeVerdict> verdict =
                PodRuntimeDerivation.derive(
                        pod(DEPLOYMENT, crashLoop(4, 1, "Error")), OptionalInt.empty());

        assertThat(verdict)
                .contains(
                        new RuntimeVerdict(
                                RuntimeState.CRASHED,
                                "CrashLoopBackOff: exited with code 1, restarted 4 times"));
    }

    @Test
    void oomKilledIsCrashedNamingThePlansMemory() {
        Optional<RuntimeVerdict> verdict =
                PodRuntimeDerivation.derive(
                        pod(DEPLOYMENT, startingAfterExit(1, 137, "OOMKilled")),
                        OptionalInt.empty());

        assertThat(verdict)
                .contains(
                        new RuntimeVerdict(
                                RuntimeState.CRASHED,
                                "OOMKilled: the app used more memory than its plan (512 Mi),"
                                        + " restarted 1 time"));
    }

    @Test
    void oomKilledInCrashLoopIsReportedAsOomKilled() {
        Optional<RuntimeVerdict> verdict =
                PodRuntimeDerivation.derive(
                        pod(DEPLOYMENT, crashLoop(3, 137, "OOMKilled")), OptionalInt.of(2));

        assertThat(verdict.map(RuntimeVerdict::reason))
                .contains(
                        "OOMKilled: the app used more memory than its plan (512 Mi), restarted 3"
                                + " times");
    }

    @Test
    void restartSinceLastLookWhileNotReadyIsCrashed() {
        Optional<RuntimeVerdict> verdict =
                PodRuntimeDerivation.derive(
                        pod(DEPLOYMENT, startingAfterExit(2, 3, "Error")), OptionalInt.of(1));

        assertThat(verdict)
                .contains(
                        new RuntimeVerdict(
                                RuntimeState.CRASHED,
                                "Restarting: exited with code 3, restarted 2 times"));
    }

    @Test
    void notReadyAfterAnOldRestartWithoutNewOneSaysNothing() {
        Optional<RuntimeVerdict> verdict =
                PodRuntimeDerivation.derive(
                        pod(DEPLOYMENT, startingAfterExit(2, 3, "Error")), OptionalInt.of(2));

        assertThat(verdict).isEmpty();
    }

    @Test
    void readyAndNotRestartingIsRunning() {
        Optional<RuntimeVerdict> verdict =
                PodRuntimeDerivation.derive(pod(DEPLOYMENT, running(0)), OptionalInt.of(0));

        assertThat(verdict.map(RuntimeVerdict::state)).contains(RuntimeState.RUNNING);
    }

    @Test
    void readyAgainAfterAnOomKillIsRunningOnceItStopsRestarting() {
        Pod recovered = pod(DEPLOYMENT, readyAfterExit(5, 137, "OOMKilled"));

        assertThat(PodRuntimeDerivation.derive(recovered, OptionalInt.of(4))).isEmpty();
        assertThat(
                        PodRuntimeDerivation.derive(recovered, OptionalInt.of(5))
                                .map(RuntimeVerdict::state))
                .contains(RuntimeState.RUNNING);
    }

    @Test
    void startingPodSaysNothing() {
        assertThat(PodRuntimeDerivation.derive(pod(DEPLOYMENT, starting()), OptionalInt.empty()))
                .isEmpty();
    }

    @Test
    void podBeingDeletedSaysNothing() {
        Pod deleting =
                new PodBuilder(pod(DEPLOYMENT, crashLoop(4, 1, "Error")))
                        .editMetadata()
                        .withDeletionTimestamp("2026-12-06T10:00:00Z")
                        .endMetadata()
                        .build();

        assertThat(PodRuntimeDerivation.derive(deleting, OptionalInt.empty())).isEmpty();
    }

    @Test
    void podWithoutContainerStatusesSaysNothing() {
        Pod pending =
                new PodBuilder(pod(DEPLOYMENT, running(0)))
                        .editStatus()
                        .withPhase("Pending")
                        .withContainerStatuses()
                        .endStatus()
                        .build();

        assertThat(PodRuntimeDerivation.derive(pending, OptionalInt.empty())).isEmpty();
        assertThat(PodRuntimeDerivation.restartCount(pending)).isZero();
    }

    @Test
    void crashLoopWithoutATerminationRecordStillSaysTheAppKeepsExiting() {
        Pod pod = pod(DEPLOYMENT, crashLoop(2, 1, "Error"));
        pod.getStatus().getContainerStatuses().get(0).setLastState(null);

        assertThat(
                        PodRuntimeDerivation.derive(pod, OptionalInt.empty())
                                .map(RuntimeVerdict::reason))
                .contains("CrashLoopBackOff: the app keeps exiting, restarted 2 times");
    }
}
