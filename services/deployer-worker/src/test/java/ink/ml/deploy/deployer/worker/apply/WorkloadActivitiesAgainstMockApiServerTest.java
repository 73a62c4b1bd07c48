package ink.ml.deploy.deployer.worker.apply;

import static ink.ml.deploy.deployer.worker.apply.WorkloadFixtures.DATABASE_URL;
import static ink.ml.deploy.deployer.worker.apply.WorkloadFixtures.IMAGE;
import static ink.ml.deploy.deployer.worker.apply.WorkloadFixtures.NAMESPACE;
import static ink.ml.deploy.deployer.worker.apply.WorkloadFixtures.WEB;
import static ink.ml.deploy.deployer.worker.apply.WorkloadFixtures.applyRequest;
import static ink.ml.deploy.deployer.worker.apply.WorkloadFixtures.deleteRequest;
import static ink.ml.deploy.deployer.worker.apply.WorkloadFixtures.rolloutRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ink.ml.deploy.deployer.worker.registry.RegistryAccess;
import ink.ml.deploy.domain.AppPort;
import ink.ml.deploy.domain.Clusters;
import ink.ml.deploy.domain.CustomDomain;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.k8s.CustomDomainResources;
import ink.ml.deploy.k8s.CustomDomainSpec;
import ink.ml.deploy.k8s.ImagePull;
import ink.ml.deploy.k8s.Labels;
import ink.ml.deploy.k8s.NetworkIsolation;
import ink.ml.deploy.k8s.ProjectNames;
import ink.ml.deploy.k8s.ProjectResources;
import ink.ml.deploy.k8s.ProjectSpec;
import ink.ml.deploy.k8s.ServiceWorkload;
import ink.ml.deploy.registryauth.RegistryAuthSettings;
import ink.ml.deploy.registryauth.RegistryAuthority;
import ink.ml.deploy.registryauth.RegistryGrant;
import ink.ml.deploy.registryauth.RegistryRole;
import ink.ml.deploy.registryauth.RegistryScope;
import ink.ml.deploy.registryauth.RegistrySigningKey;
import ink.ml.deploy.testing.TemporalTestServerResource;
import ink.ml.deploy.workflow.StepFailure;
import ink.ml.deploy.workflow.deploy.RolloutResult;
import ink.ml.deploy.workflow.deploy.WorkloadActivities;
import ink.ml.deploy.workflow.metrics.DeployStepMeter;
import ink.ml.deploy.workflow.metrics.PlatformMeters;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The workload activities against the fabric8 mock API server in CRUD mode (no real API server runs
 * here): it stores and returns what is written, but runs no controllers, no admission and no
 * server-side apply, so the tests use the create-or-update applier (application.properties) and
 * play the Deployment controller and kubelet themselves by writing status. The activities run in
 * Temporal's TestActivityEnvironment, which gives them the activity context they heartbeat on.
 *
 * <p>Whether the registry uses token authentication decides what an apply writes, so each test
 * names the registry it runs against instead of inheriting the test profile's: anonymous unless it
 * says otherwise, or one with a real token authority.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(TemporalTestServerResource.class)
class WorkloadActivitiesAgainstMockApiServerTest {
    private static final Map<String, String> ENV = Map.of("DATABASE_URL", DATABASE_URL);
    private static final ObjectMapper JSON = new ObjectMapper();

    @KubernetesTestServer KubernetesServer mockServer;

    @Inject KubernetesClient client;

    @Inject ResourceApplier applier;

    @Inject Clusters clusters;

    @Inject WorkloadConfig workloadConfig;

    @Inject WorkflowClient workflowClient;

    private final List<TestActivityEnvironment> environments = new ArrayList<>();
    private final List<String> heartbeats = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private WorkloadActivities activities;

    /** Completed by the next heartbeat of an activity; the test replaces it to wait again. */
    private volatile CompletableFuture<String> nextHeartbeat = new CompletableFuture<>();

    @BeforeEach
    void startActivityEnvironment() {
        activities = activitiesWith(RegistryAccess.anonymous());
    }

    private WorkloadActivities activitiesWith(RegistryAccess registryAccess) {
        TestActivityEnvironment environment = TestActivityEnvironment.newInstance();
        environments.add(environment);
        environment.registerActivitiesImplementations(
                new WorkloadActivitiesImpl(
                        new KubernetesExecutionTarget(
                                client, applier, workloadConfig, registryAccess, clusters),
                        clusters.home(),
                        registryAccess,
                        new DeployStepMeter(meters)));
        environment.setActivityHeartbeatListener(
                String.class,
                details -> {
                    heartbeats.add(details);
                    nextHeartbeat.complete(details);
                });
        return environment.newActivityStub(
                WorkloadActivities.class,
                ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(Duration.ofMinutes(1))
                        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                        .build());
    }

    @AfterEach
    void emptyTheMockApiServer() {
        environments.forEach(TestActivityEnvironment::close);
        client.network().v1().ingresses().inNamespace(NAMESPACE).delete();
        client.apps().deployments().inNamespace(NAMESPACE).delete();
        client.services().inNamespace(NAMESPACE).delete();
        client.secrets().inNamespace(NAMESPACE).delete();
        client.pods().inNamespace(NAMESPACE).delete();
        client.network().v1().networkPolicies().inNamespace(NAMESPACE).delete();
        client.genericKubernetesResources(KubernetesExecutionTarget.CERTIFICATES)
                .inNamespace(NAMESPACE)
                .delete();
        client.namespaces().withName(NAMESPACE).delete();
    }

    @Test
    void applyCreatesNamespaceNetworkPoliciesSecretDeploymentServiceAndIngressAsBuilt() {
        activities.applyWorkload(applyRequest("dep-1", ENV));

        ProjectResources project =
                ProjectResources.from(new ProjectSpec(WEB.user(), WEB.project()));
        ServiceWorkload workload = WorkloadFixtures.workload("dep-1", ENV, ImagePull.ANONYMOUS);
        assertThat(client.namespaces().withName(NAMESPACE).get().getMetadata().getLabels())
                .isEqualTo(project.namespace().getMetadata().getLabels());
        assertThat(networkPolicySpecs())
                .isEqualTo(
                        Map.of(
                                NetworkIsolation.INGRESS_POLICY_NAME,
                                        project.ingressPolicy().getSpec(),
                                NetworkIsolation.EGRESS_POLICY_NAME,
                                        project.egressPolicy().getSpec()));
        assertThat(decoded(envSecret())).isEqualTo(ENV);
        Deployment deployment = deployment();
        assertThat(deployment.getSpec()).isEqualTo(workload.deployment().getSpec());
        assertThat(deployment.getMetadata().getLabels())
                .isEqualTo(workload.deployment().getMetadata().getLabels());
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo(IMAGE.reference());
        assertThat(client.services().inNamespace(NAMESPACE).withName("web").get().getSpec())
                .isEqualTo(workload.service().getSpec());
        assertThat(
                        client.network()
                                .v1()
                                .ingresses()
                                .inNamespace(NAMESPACE)
                                .withName("web")
                                .get()
                                .getSpec()
                                .getRules()
                                .get(0)
                                .getHost())
                .isEqualTo(WorkloadFixtures.EU_CENTRAL_1.platformHostname(WEB))
                .isEqualTo("web-shop-u42.ml.ink");
    }

    @Test
    void applyingTheSameWorkloadTwiceLeavesOneUnchangedCopyOfEach() {
        activities.applyWorkload(applyRequest("dep-1", ENV));
        Deployment first = deployment();

        activities.applyWorkload(applyRequest("dep-1", ENV));

        assertThat(client.namespaces().list().getItems())
                .filteredOn(ns -> ns.getMetadata().getName().equals(NAMESPACE))
                .hasSize(1);
        assertThat(client.network().v1().networkPolicies().inNamespace(NAMESPACE).list().getItems())
                .hasSize(2);
        assertThat(client.secrets().inNamespace(NAMESPACE).list().getItems()).hasSize(1);
        assertThat(client.apps().deployments().inNamespace(NAMESPACE).list().getItems()).hasSize(1);
        assertThat(client.services().inNamespace(NAMESPACE).list().getItems()).hasSize(1);
        assertThat(client.network().v1().ingresses().inNamespace(NAMESPACE).list().getItems())
                .hasSize(1);
        Deployment second = deployment();
        assertThat(second.getSpec()).isEqualTo(first.getSpec());
        assertThat(second.getMetadata().getGeneration())
                .isNotNull()
                .isEqualTo(first.getMetadata().getGeneration());
        assertThat(decoded(envSecret())).isEqualTo(ENV);
    }

    @Test
    void withAnAnonymousRegistryApplyWritesNoPullSecretAndTheDeploymentNamesNone() {
        activities.applyWorkload(applyRequest("dep-1", ENV));

        assertThat(pullSecret()).isNull();
        assertThat(deployment().getSpec().getTemplate().getSpec().getImagePullSecrets()).isEmpty();
    }

    @Test
    void withTokenAuthApplyWritesTheNamespacesPullCredentialAndTheDeploymentPullsWithIt()
            throws Exception {
        RegistryAuthority authority = authority();
        WorkloadActivities authenticated = activitiesWith(tokenAuth(authority));

        authenticated.applyWorkload(applyRequest("dep-1", ENV));

        Secret secret = pullSecret();
        assertThat(secret.getType()).isEqualTo("kubernetes.io/dockerconfigjson");
        assertThat(secret.getMetadata().getLabels())
                .containsEntry(Labels.TENANT, "u42")
                .containsEntry(Labels.PROJECT, "shop")
                .doesNotContainKey(Labels.SERVICE);
        JsonNode auths = dockerConfig(secret).path("auths");
        assertThat(auths.size()).isEqualTo(1);
        JsonNode entry = auths.path(clusters.home().registry().value());
        String username = entry.path("username").asText();
        String password = entry.path("password").asText();
        assertThat(username).isEqualTo(NAMESPACE);
        assertThat(decode(entry.path("auth").asText())).isEqualTo(username + ":" + password);
        // What the registry's token realm will make of it: pull of this namespace, nothing else.
        RegistryGrant grant = authority.verify(username, password);
        assertThat(grant.namespace()).isEqualTo(NAMESPACE);
        assertThat(grant.role()).isEqualTo(RegistryRole.PULL);
        assertThat(
                        grant.allowed(
                                List.of(
                                        RegistryScope.repository(
                                                NAMESPACE + "/web", "pull", "push"),
                                        RegistryScope.repository("dp-u43-shop/web", "pull")),
                                "base"))
                .extracting(RegistryScope::actions)
                .containsExactly(Set.of("pull"), Set.of());

        Deployment deployment = deployment();
        assertThat(deployment.getSpec().getTemplate().getSpec().getImagePullSecrets())
                .extracting(LocalObjectReference::getName)
                .containsExactly(ProjectNames.PULL_SECRET);
        assertThat(deployment.getSpec())
                .isEqualTo(
                        WorkloadFixtures.workload("dep-1", ENV, ImagePull.PULL_SECRET)
                                .deployment()
                                .getSpec());
        assertThat(heartbeats).isNotEmpty().noneMatch(details -> details.contains(password));
    }

    @Test
    void withTokenAuthASecondApplyReplacesThePullCredentialInPlace() throws Exception {
        RegistryAuthority authority = authority();
        WorkloadActivities authenticated = activitiesWith(tokenAuth(authority));
        authenticated.applyWorkload(applyRequest("dep-1", ENV));
        String first = pullPassword();

        authenticated.applyWorkload(applyRequest("dep-2", ENV));

        assertThat(client.secrets().inNamespace(NAMESPACE).list().getItems())
                .extracting(secret -> secret.getMetadata().getName())
                .containsExactlyInAnyOrder(ProjectNames.PULL_SECRET, "web-env");
        String second = pullPassword();
        assertThat(second).isNotEqualTo(first);
        assertThat(authority.verify(NAMESPACE, second).namespace()).isEqualTo(NAMESPACE);
    }

    @Test
    void deletingOneServiceLeavesThePullSecretToItsNeighboursAndTheLastTakesTheNamespace() {
        WorkloadActivities authenticated = activitiesWith(tokenAuth(authority()));
        authenticated.applyWorkload(applyRequest("dep-1", ENV));

        authenticated.deleteWorkload(deleteRequest(false));

        assertThat(client.secrets().inNamespace(NAMESPACE).list().getItems())
                .extracting(secret -> secret.getMetadata().getName())
                .containsExactly(ProjectNames.PULL_SECRET);

        // The API server deletes a namespace with everything in it; the mock only drops the
        // namespace object, so that is what is checked here.
        authenticated.deleteWorkload(deleteRequest(true));

        assertThat(client.namespaces().withName(NAMESPACE).get()).isNull();
    }

    @Test
    void aChangedEnvironmentReplacesTheSecretsVariablesAndRollsThePods() {
        activities.applyWorkload(applyRequest("dep-1", ENV));

        Map<String, String> changed = Map.of("API_KEY", "k-2", "LOG_LEVEL", "debug");
        activities.applyWorkload(applyRequest("dep-2", changed));

        assertThat(decoded(envSecret())).isEqualTo(changed);
        assertThat(
                        deployment()
                                .getSpec()
                                .getTemplate()
                                .getMetadata()
                                .getAnnotations()
                                .get(ServiceWorkload.DEPLOYMENT_ID_ANNOTATION))
                .isEqualTo("dep-2");
    }

    @Test
    void aResourceTheApiServerRejectsFailsTheApplyWithTheServersMessageAndNoRetry() {
        mockServer
                .expect()
                .post()
                .withPath("/apis/apps/v1/namespaces/" + NAMESPACE + "/deployments")
                .andReturn(
                        422,
                        new StatusBuilder()
                                .withStatus("Failure")
                                .withReason("Invalid")
                                .withCode(422)
                                .withMessage(
                                        "Deployment.apps \"web\" is invalid:"
                                                + " spec.template.spec.runtimeClassName: Not"
                                                + " found: \"gvisor\"")
                                .build())
                .once();

        assertThatThrownBy(() -> activities.applyWorkload(applyRequest("dep-1", ENV)))
                .isInstanceOf(ActivityFailure.class)
                .cause()
                .isInstanceOfSatisfying(
                        ApplicationFailure.class,
                        failure -> {
                            assertThat(failure.getType()).isEqualTo(StepFailure.APPLY_REJECTED);
                            assertThat(failure.isNonRetryable()).isTrue();
                            assertThat(failure.getOriginalMessage())
                                    .isEqualTo(
                                            "the cluster rejected the Deployment web: Deployment.apps"
                                                    + " \"web\" is invalid:"
                                                    + " spec.template.spec.runtimeClassName: Not"
                                                    + " found: \"gvisor\"")
                                    .doesNotContain("s3cret");
                        });
    }

    @Test
    void awaitRolloutSucceedsOnceTheTestMarksTheDeploymentAvailableInTheMock() throws Exception {
        activities.applyWorkload(applyRequest("dep-1", ENV));
        nextHeartbeat = new CompletableFuture<>();

        CompletableFuture<RolloutResult> rollout =
                CompletableFuture.supplyAsync(
                        () -> activities.awaitRollout(rolloutRequest("dep-1")));
        // The activity has looked at least once and is waiting.
        assertThat(nextHeartbeat)
                .succeedsWithin(Duration.ofSeconds(30))
                .isEqualTo("0 of 1 updated, 0 available");
        assertThat(rollout).isNotDone();

        markAvailable();

        assertThat(rollout).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(new RolloutResult(1));
        assertThat(rollouts("succeeded")).isEqualTo(1);
    }

    @Test
    void aRolloutThatNeverComesUpIsTimedAsFailed() {
        activities.applyWorkload(applyRequest("dep-1", ENV));
        // spotless:off
        editDeploymentStatus(status -> status
                .withObservedGeneration(deployment().getMetadata().getGeneration())
                .withReplicas(1)
                .withUpdatedReplicas(1)
                .withUnavailableReplicas(1)
                .addNewCondition()
                    .withType("Progressing")
                    .withStatus("False")
                    .withReason("ProgressDeadlineExceeded")
                    .withMessage("ReplicaSet \"web-5d8\" has timed out progressing.")
                .endCondition());
        // spotless:on

        assertThatThrownBy(() -> activities.awaitRollout(rolloutRequest("dep-1")));

        assertThat(rollouts("failed")).isEqualTo(1);
        assertThat(rollouts("succeeded")).isZero();
    }

    private long rollouts(String outcome) {
        var timer =
                meters.find(PlatformMeters.DEPLOY_STEP_DURATION)
                        .tags("step", "rollout", "outcome", outcome)
                        .timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void awaitRolloutFailsSayingThePortNeverAnsweredWhenTheTestSetsProgressDeadlineExceeded() {
        activities.applyWorkload(applyRequest("dep-1", ENV));
        // spotless:off
        editDeploymentStatus(status -> status
                .withObservedGeneration(deployment().getMetadata().getGeneration())
                .withReplicas(1)
                .withUpdatedReplicas(1)
                .withUnavailableReplicas(1)
                .addNewCondition()
                    .withType("Progressing")
                    .withStatus("False")
                    .withReason("ProgressDeadlineExceeded")
                    .withMessage("ReplicaSet \"web-5d8\" has timed out progressing.")
                .endCondition());
        // spotless:on

        assertRolloutFailsWith(
                "the app never became ready on port 3000 within 5 minutes: does it listen on"
                        + " 0.0.0.0:3000?");
    }

    @Test
    void awaitRolloutFailsNamingTheImageWhenAPodOfTheDeploymentIsInImagePullBackOff() {
        activities.applyWorkload(applyRequest("dep-1", ENV));
        String pullError = "Back-off pulling image \"" + IMAGE.reference() + "\": manifest unknown";
        // spotless:off
        createPod("dep-1", new ContainerStatusBuilder()
                .withName("app")
                .withImage(IMAGE.reference())
                .withRestartCount(0)
                .withNewState()
                    .withNewWaiting()
                        .withReason("ImagePullBackOff")
                        .withMessage(pullError)
                    .endWaiting()
                .endState()
                .build());
        // spotless:on

        assertRolloutFailsWith(
                "the image " + IMAGE.reference() + " could not be pulled: " + pullError);
    }

    @Test
    void awaitRolloutFailsWithTheExitCodeWhenAPodOfTheDeploymentIsInCrashLoopBackOff() {
        activities.applyWorkload(applyRequest("dep-1", ENV));
        // spotless:off
        createPod("dep-1", new ContainerStatusBuilder()
                .withName("app")
                .withImage(IMAGE.reference())
                .withRestartCount(4)
                .withNewState()
                    .withNewWaiting()
                        .withReason("CrashLoopBackOff")
                        .withMessage("back-off 1m20s restarting failed container")
                    .endWaiting()
                .endState()
                .withNewLastState()
                    .withNewTerminated()
                        .withExitCode(3)
                        .withReason("Error")
                    .endTerminated()
                .endLastState()
                .build());
        // spotless:on

        assertRolloutFailsWith(
                "the app exited with code 3 (last lines of its log are in the deployment's"
                        + " runtime logs)");
    }

    @Test
    void deleteWorkloadRemovesTheServicesResourcesAndCustomDomainsAndIsIdempotent() {
        activities.applyWorkload(applyRequest("dep-1", ENV));
        CustomDomainResources domain =
                CustomDomainResources.from(
                        new CustomDomainSpec(
                                WEB,
                                CustomDomain.parse(
                                        "app.example.com",
                                        WorkloadFixtures.EU_CENTRAL_1.platformZones()),
                                AppPort.of(3000)));
        client.genericKubernetesResources(KubernetesExecutionTarget.CERTIFICATES)
                .inNamespace(NAMESPACE)
                .resource(domain.certificate())
                .create();
        client.resource(domain.tlsIngress()).create();
        // cert-manager's key pair: named in the Certificate, without our labels.
        client.resource(
                        new SecretBuilder()
                                .withNewMetadata()
                                .withName("app.example.com")
                                .withNamespace(NAMESPACE)
                                .endMetadata()
                                .withType("kubernetes.io/tls")
                                .build())
                .create();
        Deployment neighbour =
                new DeploymentBuilder(deployment())
                        .withNewMetadata()
                        .withName("api")
                        .withNamespace(NAMESPACE)
                        .withLabels(Labels.forService(ServiceRef.of("u42", "shop", "api")).toMap())
                        .endMetadata()
                        .build();
        client.resource(neighbour).create();

        activities.deleteWorkload(deleteRequest(false));

        assertThat(client.apps().deployments().inNamespace(NAMESPACE).list().getItems())
                .extracting(d -> d.getMetadata().getName())
                .containsExactly("api");
        assertThat(client.services().inNamespace(NAMESPACE).list().getItems()).isEmpty();
        assertThat(client.network().v1().ingresses().inNamespace(NAMESPACE).list().getItems())
                .isEmpty();
        assertThat(client.secrets().inNamespace(NAMESPACE).list().getItems()).isEmpty();
        assertThat(
                        client.genericKubernetesResources(KubernetesExecutionTarget.CERTIFICATES)
                                .inNamespace(NAMESPACE)
                                .list()
                                .getItems())
                .isEmpty();
        assertThat(client.namespaces().withName(NAMESPACE).get()).isNotNull();

        activities.deleteWorkload(deleteRequest(false));
        activities.deleteWorkload(deleteRequest(true));

        assertThat(client.namespaces().withName(NAMESPACE).get()).isNull();
        activities.deleteWorkload(deleteRequest(true));
    }

    @Test
    void theActivitiesAreServedOnTheDeployerTaskQueue() {
        activities.applyWorkload(applyRequest("dep-1", ENV));
        DeleteWorkloadProbeWorkflow probe =
                workflowClient.newWorkflowStub(
                        DeleteWorkloadProbeWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setTaskQueue("deployer-eu-central-1")
                                .setWorkflowId("delete-probe-" + UUID.randomUUID())
                                .setWorkflowExecutionTimeout(Duration.ofSeconds(30))
                                .build());

        probe.delete(deleteRequest(true));

        assertThat(client.apps().deployments().inNamespace(NAMESPACE).list().getItems()).isEmpty();
        assertThat(client.namespaces().withName(NAMESPACE).get()).isNull();
    }

    private void assertRolloutFailsWith(String reason) {
        assertThatThrownBy(() -> activities.awaitRollout(rolloutRequest("dep-1")))
                .isInstanceOf(ActivityFailure.class)
                .cause()
                .isInstanceOfSatisfying(
                        ApplicationFailure.class,
                        failure -> {
                            assertThat(failure.getType()).isEqualTo(StepFailure.ROLLOUT_FAILED);
                            assertThat(failure.isNonRetryable()).isTrue();
                            assertThat(failure.getOriginalMessage()).isEqualTo(reason);
                        });
    }

    /** What the Deployment controller reports once the new pod is up. */
    private void markAvailable() {
        long generation = deployment().getMetadata().getGeneration();
        editDeploymentStatus(
                status ->
                        status.withObservedGeneration(generation)
                                .withReplicas(1)
                                .withUpdatedReplicas(1)
                                .withReadyReplicas(1)
                                .withAvailableReplicas(1));
    }

    /** Plays the Deployment controller, which owns the status subresource. */
    private void editDeploymentStatus(Consumer<DeploymentStatusBuilder> edit) {
        client.apps()
                .deployments()
                .inNamespace(NAMESPACE)
                .withName("web")
                .editStatus(
                        current -> {
                            DeploymentStatusBuilder status =
                                    current.getStatus() == null
                                            ? new DeploymentStatusBuilder()
                                            : new DeploymentStatusBuilder(current.getStatus());
                            edit.accept(status);
                            return new DeploymentBuilder(current)
                                    .withStatus(status.build())
                                    .build();
                        });
    }

    /** A pod of {@code deploymentId}'s template, as the ReplicaSet and kubelet would leave it. */
    private void createPod(String deploymentId, ContainerStatus container) {
        // spotless:off
        Pod pod = new PodBuilder()
                .withNewMetadata()
                    .withName("web-5d8-x2k9")
                    .withNamespace(NAMESPACE)
                    .withLabels(Labels.forService(WEB).toMap())
                    .addToAnnotations(ServiceWorkload.DEPLOYMENT_ID_ANNOTATION, deploymentId)
                .endMetadata()
                .withSpec(deployment().getSpec().getTemplate().getSpec())
                .build();
        // spotless:on
        client.resource(pod).create();
        client.pods()
                .inNamespace(NAMESPACE)
                .withName("web-5d8-x2k9")
                .editStatus(
                        current ->
                                new PodBuilder(current)
                                        .withNewStatus()
                                        .withPhase("Pending")
                                        .withContainerStatuses(container)
                                        .endStatus()
                                        .build());
    }

    private Deployment deployment() {
        return client.apps().deployments().inNamespace(NAMESPACE).withName("web").get();
    }

    private Secret envSecret() {
        return client.secrets().inNamespace(NAMESPACE).withName("web-env").get();
    }

    private Secret pullSecret() {
        return client.secrets().inNamespace(NAMESPACE).withName(ProjectNames.PULL_SECRET).get();
    }

    private String pullPassword() throws Exception {
        return dockerConfig(pullSecret())
                .path("auths")
                .path(clusters.home().registry().value())
                .path("password")
                .asText();
    }

    private static JsonNode dockerConfig(Secret secret) throws Exception {
        return JSON.readTree(decode(secret.getData().get(".dockerconfigjson")));
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    /** Signs with the key pair in this package's test resources (made with openssl req -x509). */
    private static RegistryAuthority authority() {
        return new RegistryAuthority(
                RegistrySigningKey.fromPem(
                        resource("signing-key.pem"), resource("signing-cert.pem")),
                new RegistryAuthSettings(
                        "mcpdeploy", "mcpdeploy-registry", "base", Duration.ofMinutes(5)),
                Clock.systemUTC());
    }

    private static RegistryAccess tokenAuth(RegistryAuthority authority) {
        return new RegistryAccess(
                Optional.of(authority), Duration.ofMinutes(45), Duration.ofDays(90));
    }

    private static String resource(String name) {
        try (InputStream in =
                WorkloadActivitiesAgainstMockApiServerTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> networkPolicySpecs() {
        return client
                .network()
                .v1()
                .networkPolicies()
                .inNamespace(NAMESPACE)
                .list()
                .getItems()
                .stream()
                .collect(
                        Collectors.toMap(
                                policy -> policy.getMetadata().getName(), NetworkPolicy::getSpec));
    }

    private static Map<String, String> decoded(Secret secret) {
        return secret.getData().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> decode(e.getValue())));
    }
}
