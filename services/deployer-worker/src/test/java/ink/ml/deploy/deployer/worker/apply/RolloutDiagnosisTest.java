package ink.ml.deploy.deployer.worker.apply;

import static ink.ml.deploy.deployer.worker.apply.WorkloadFixtures.IMAGE;
import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.deployer.worker.apply.RolloutDiagnosis.Verdict;
import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.k8s.Labels;
import ink.ml.deploy.k8s.ServiceWorkload;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutDiagnosisTest {
    private static final DeploymentId DEP_7 = DeploymentId.of("dep-7");

    @Test
    void isReadyWhenTheControllerSawTheTemplateAndAllReplicasAreUpdatedAndAvailable() {
        RolloutDiagnosis diagnosis = RolloutDiagnosis.of(DEP_7, rolledOut("dep-7"), List.of());

        assertThat(diagnosis.verdict()).isEqualTo(Verdict.READY);
        assertThat(diagnosis.readyReplicas()).isEqualTo(1);
    }

    @Test
    void waitsWhileTheControllerHasNotObservedTheNewGeneration() {
        Deployment stale =
                new DeploymentBuilder(rolledOut("dep-7"))
                        .editMetadata()
                        .withGeneration(3L)
                        .endMetadata()
                        .editStatus()
                        .withObservedGeneration(2L)
                        .endStatus()
                        .build();

        assertThat(RolloutDiagnosis.of(DEP_7, stale, List.of()).verdict())
                .isEqualTo(Verdict.WAITING);
    }

    @Test
    void waitsWhileAnOldPodStillRunsBesideTheNewOne() {
        Deployment surging =
                new DeploymentBuilder(rolledOut("dep-7"))
                        .editStatus()
                        .withReplicas(2)
                        .withAvailableReplicas(2)
                        .endStatus()
                        .build();

        RolloutDiagnosis diagnosis = RolloutDiagnosis.of(DEP_7, surging, List.of());

        assertThat(diagnosis.verdict()).isEqualTo(Verdict.WAITING);
    }

    @Test
    void waitsWhileTheNewPodIsNotAvailableYet() {
        Deployment starting =
                new DeploymentBuilder(rolledOut("dep-7"))
                        .editStatus()
                        .withAvailableReplicas(0)
                        .endStatus()
                        .build();

        RolloutDiagnosis diagnosis =
                RolloutDiagnosis.of(DEP_7, starting, List.of(pod("dep-7", running())));

        assertThat(diagnosis.verdict()).isEqualTo(Verdict.WAITING);
        assertThat(diagnosis.reason()).isEqualTo("1 of 1 updated, 0 available");
    }

    @Test
    void progressDeadlineExceededSaysThePortNeverAnswered() {
        Deployment stuck =
                new DeploymentBuilder(progressing("dep-7"))
                        .editStatus()
                        .addNewCondition()
                        .withType("Progressing")
                        .withStatus("False")
                        .withReason("ProgressDeadlineExceeded")
                        .withMessage("ReplicaSet \"web-5d8\" has timed out progressing.")
                        .endCondition()
                        .endStatus()
                        .build();

        RolloutDiagnosis diagnosis = RolloutDiagnosis.of(DEP_7, stuck, List.of());

        assertThat(diagnosis.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(diagnosis.reason())
                .isEqualTo(
                        "the app never became ready on port 3000 within 5 minutes: does it"
                                + " listen on 0.0.0.0:3000?");
    }

    @Test
    void replicaFailureFailsAtOnceWithKubernetesMessage() {
        Deployment refused =
                new DeploymentBuilder(progressing("dep-7"))
                        .editStatus()
                        .addNewCondition()
                        .withType("ReplicaFailure")
                        .withStatus("True")
                        .withReason("FailedCreate")
                        .withMessage(
                                "pods \"web-5d8-x\" is forbidden: exceeded quota: compute,"
                                        + " requested: limits.memory=512Mi")
                        .endCondition()
                        .endStatus()
                        .build();

        RolloutDiagnosis diagnosis = RolloutDiagnosis.of(DEP_7, refused, List.of());

        assertThat(diagnosis.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(diagnosis.reason())
                .isEqualTo(
                        "Kubernetes could not create the service's pods: pods \"web-5d8-x\" is"
                                + " forbidden: exceeded quota: compute, requested:"
                                + " limits.memory=512Mi");
    }

    @Test
    void progressingConditionThatIsStillTrueKeepsWaiting() {
        Deployment moving =
                new DeploymentBuilder(progressing("dep-7"))
                        .editStatus()
                        .addNewCondition()
                        .withType("Progressing")
                        .withStatus("True")
                        .withReason("ReplicaSetUpdated")
                        .endCondition()
                        .endStatus()
                        .build();

        assertThat(RolloutDiagnosis.of(DEP_7, moving, List.of()).verdict())
                .isEqualTo(Verdict.WAITING);
    }

    @Test
    void imagePullBackOffNamesTheImage() {
        Pod pod =
                pod(
                        "dep-7",
                        waiting(
                                "ImagePullBackOff",
                                "Back-off pulling image \"" + IMAGE.reference() + "\""));

        RolloutDiagnosis diagnosis = RolloutDiagnosis.of(DEP_7, progressing("dep-7"), List.of(pod));

        assertThat(diagnosis.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(diagnosis.reason())
                .isEqualTo(
                        "the image "
                                + IMAGE.reference()
                                + " could not be pulled: Back-off pulling image \""
                                + IMAGE.reference()
                                + "\"");
    }

    @Test
    void errImagePullIsAPullFailureToo() {
        Pod pod = pod("dep-7", waiting("ErrImagePull", "manifest unknown"));

        RolloutDiagnosis diagnosis = RolloutDiagnosis.of(DEP_7, progressing("dep-7"), List.of(pod));

        assertThat(diagnosis.reason())
                .isEqualTo(
                        "the image "
                                + IMAGE.reference()
                                + " could not be pulled: manifest unknown");
    }

    @Test
    void crashLoopBackOffGivesTheExitCode() {
        ContainerStatus crashing =
                new ContainerStatusBuilder(waiting("CrashLoopBackOff", "back-off 40s"))
                        .withRestartCount(3)
                        .withNewLastState()
                        .withNewTerminated()
                        .withExitCode(1)
                        .withReason("Error")
                        .endTerminated()
                        .endLastState()
                        .build();

        RolloutDiagnosis diagnosis =
                RolloutDiagnosis.of(DEP_7, progressing("dep-7"), List.of(pod("dep-7", crashing)));

        assertThat(diagnosis.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(diagnosis.reason())
                .isEqualTo(
                        "the app exited with code 1 (last lines of its log are in the"
                                + " deployment's runtime logs)");
    }

    @Test
    void aTerminatedContainerThatWasRestartedCountsAsExited() {
        ContainerStatus exited =
                new ContainerStatusBuilder()
                        .withName("app")
                        .withImage(IMAGE.reference())
                        .withRestartCount(1)
                        .withNewState()
                        .withNewTerminated()
                        .withExitCode(2)
                        .endTerminated()
                        .endState()
                        .build();

        RolloutDiagnosis diagnosis =
                RolloutDiagnosis.of(DEP_7, progressing("dep-7"), List.of(pod("dep-7", exited)));

        assertThat(diagnosis.reason()).startsWith("the app exited with code 2 ");
    }

    @Test
    void anOutOfMemoryKillNamesTheMemoryLimit() {
        ContainerStatus killed =
                new ContainerStatusBuilder(waiting("CrashLoopBackOff", "back-off 10s"))
                        .withRestartCount(2)
                        .withNewLastState()
                        .withNewTerminated()
                        .withExitCode(137)
                        .withReason("OOMKilled")
                        .endTerminated()
                        .endLastState()
                        .build();

        RolloutDiagnosis diagnosis =
                RolloutDiagnosis.of(DEP_7, progressing("dep-7"), List.of(pod("dep-7", killed)));

        assertThat(diagnosis.reason())
                .startsWith(
                        "the app was stopped for using more than its memory limit of 512Mi (exit"
                                + " code 137)");
    }

    @Test
    void createContainerConfigErrorGivesKubernetesMessage() {
        Pod pod =
                pod("dep-7", waiting("CreateContainerConfigError", "secret \"web-env\" not found"));

        RolloutDiagnosis diagnosis = RolloutDiagnosis.of(DEP_7, progressing("dep-7"), List.of(pod));

        assertThat(diagnosis.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(diagnosis.reason())
                .isEqualTo(
                        "the app's container could not be created: secret \"web-env\" not found");
    }

    @Test
    void aCrashingPodOfThePreviousDeploymentDoesNotFailThisOne() {
        Pod previous = pod("dep-6", waiting("CrashLoopBackOff", "back-off 5m"));

        RolloutDiagnosis diagnosis =
                RolloutDiagnosis.of(DEP_7, progressing("dep-7"), List.of(previous));

        assertThat(diagnosis.verdict()).isEqualTo(Verdict.WAITING);
    }

    @Test
    void aContainerStillCreatingIsNoFailure() {
        Pod pod = pod("dep-7", waiting("ContainerCreating", null));

        assertThat(RolloutDiagnosis.of(DEP_7, progressing("dep-7"), List.of(pod)).verdict())
                .isEqualTo(Verdict.WAITING);
    }

    @Test
    void failsWhenANewerDeploymentReplacedTheTemplate() {
        RolloutDiagnosis diagnosis = RolloutDiagnosis.of(DEP_7, rolledOut("dep-8"), List.of());

        assertThat(diagnosis.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(diagnosis.reason())
                .isEqualTo("another deployment (dep-8) replaced this one before it became ready");
    }

    @Test
    void failsWhenTheDeploymentIsGone() {
        RolloutDiagnosis diagnosis = RolloutDiagnosis.of(DEP_7, null, List.of());

        assertThat(diagnosis.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(diagnosis.reason()).contains("Deployment is gone");
    }

    /** As the API server returns it once the controller saw the template: nothing ready yet. */
    private static Deployment progressing(String deploymentId) {
        // spotless:off
        return new DeploymentBuilder(WorkloadFixtures.deployment(deploymentId))
                .editMetadata()
                    .withGeneration(1L)
                .endMetadata()
                .withNewStatus()
                    .withObservedGeneration(1L)
                    .withReplicas(1)
                    .withUpdatedReplicas(1)
                    .withAvailableReplicas(0)
                .endStatus()
                .build();
        // spotless:on
    }

    private static Deployment rolledOut(String deploymentId) {
        return new DeploymentBuilder(progressing(deploymentId))
                .editStatus()
                .withAvailableReplicas(1)
                .withReadyReplicas(1)
                .endStatus()
                .build();
    }

    private static Pod pod(String deploymentId, ContainerStatus container) {
        // spotless:off
        return new PodBuilder()
                .withNewMetadata()
                    .withName("web-5d8-" + deploymentId)
                    .withLabels(Labels.serviceSelector(WorkloadFixtures.WEB))
                    .addToAnnotations(ServiceWorkload.DEPLOYMENT_ID_ANNOTATION, deploymentId)
                .endMetadata()
                .withNewStatus()
                    .withContainerStatuses(container)
                .endStatus()
                .build();
        // spotless:on
    }

    private static ContainerStatus waiting(String reason, String message) {
        // spotless:off
        return new ContainerStatusBuilder()
                .withName("app")
                .withImage(IMAGE.reference())
                .withRestartCount(0)
                .withNewState()
                    .withNewWaiting()
                        .withReason(reason)
                        .withMessage(message)
                    .endWaiting()
                .endState()
                .build();
        // spotless:on
    }

    private static ContainerStatus running() {
        // spotless:off
        return new ContainerStatusBuilder()
                .withName("app")
                .withImage(IMAGE.reference())
                .withRestartCount(0)
                .withNewState()
                    .withNewRunning()
                    .endRunning()
                .endState()
                .build();
        // spotless:on
    }
}
