package ink.ml.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.AppPort;
import ink.ml.deploy.domain.BuildSettings;
import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.EnvVarName;
import ink.ml.deploy.domain.ImageRef;
import ink.ml.deploy.domain.RegistryHost;
import ink.ml.deploy.domain.ResourcePlan;
import ink.ml.deploy.domain.ServiceRef;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceWorkloadTest {
    private final ServiceWorkload workload = ServiceWorkload.from(Fixtures.service());

    private PodSpec podSpec() {
        return workload.deployment().getSpec().getTemplate().getSpec();
    }

    private Container container() {
        return podSpec().getContainers().get(0);
    }

    @Test
    void runsEveryPodInTheGvisorSandbox() {
        assertThat(podSpec().getRuntimeClassName()).isEqualTo("gvisor");
    }

    @Test
    void neverMountsAServiceAccountToken() {
        assertThat(podSpec().getAutomountServiceAccountToken()).isFalse();
    }

    @Test
    void leavesRootAndCapabilitiesAloneBecauseGvisorIsTheBoundary() {
        assertThat(podSpec().getSecurityContext()).isNull();
        assertThat(container().getSecurityContext()).isNull();
    }

    @Test
    void setsRequestsAndLimitsFromThePlan() {
        assertThat(container().getResources().getLimits())
                .containsEntry("memory", new Quantity("512Mi"))
                .containsEntry("cpu", new Quantity("500m"));
        assertThat(container().getResources().getRequests())
                .containsEntry("memory", new Quantity("512Mi"))
                .containsEntry("cpu", new Quantity("125m"));
    }

    @Test
    void probesReadinessOnTheAppPortAndTellsTheAppItsPort() {
        assertThat(container().getReadinessProbe().getTcpSocket().getPort().getIntVal())
                .isEqualTo(3000);
        assertThat(container().getEnv())
                .anySatisfy(
                        env -> {
                            assertThat(env.getName()).isEqualTo("PORT");
                            assertThat(env.getValue()).isEqualTo("3000");
                        });
    }

    @Test
    void runsTheImageOfThisServiceAndReadsVariablesFromItsSecret() {
        assertThat(container().getImage())
                .isEqualTo("registry.internal:5000/dp-u42-shop/web:" + Fixtures.SHA.value());
        assertThat(container().getEnvFrom().get(0).getSecretRef().getName())
                .isEqualTo(ServiceNames.envSecretName(Fixtures.WEB))
                .isEqualTo(workload.secret().getMetadata().getName());
    }

    @Test
    void pullsTheImageWithTheNamespacesPullSecret() {
        assertThat(podSpec().getImagePullSecrets())
                .extracting(LocalObjectReference::getName)
                .containsExactly(ProjectNames.PULL_SECRET)
                .containsExactly(
                        RegistryPullSecret.from(Fixtures.registryPull())
                                .secret()
                                .getMetadata()
                                .getName());
    }

    @Test
    void namesNoPullSecretWhenTheRegistryIsAnonymous() {
        ServiceSpec spec = Fixtures.service();
        Deployment deployment =
                ServiceWorkload.from(
                                new ServiceSpec(
                                        spec.service(),
                                        spec.deployment(),
                                        spec.image(),
                                        ImagePull.ANONYMOUS,
                                        spec.port(),
                                        spec.resources(),
                                        spec.cluster(),
                                        spec.env()))
                        .deployment();

        assertThat(deployment.getSpec().getTemplate().getSpec().getImagePullSecrets()).isEmpty();
        assertThat(Templates.asTree(deployment).at("/spec/template/spec").has("imagePullSecrets"))
                .isFalse();
    }

    @Test
    void selectorMatchesThePodsAndTheService() {
        Deployment deployment = workload.deployment();
        Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(selector);
        assertThat(workload.service().getSpec().getSelector()).isEqualTo(selector);
    }

    @Test
    void newDeploymentIdChangesThePodTemplateSoVariablesRollOut() {
        ServiceSpec spec = Fixtures.service();
        ServiceSpec next =
                new ServiceSpec(
                        spec.service(),
                        DeploymentId.of("dep-8"),
                        spec.image(),
                        spec.imagePull(),
                        spec.port(),
                        spec.resources(),
                        spec.cluster(),
                        spec.env());
        assertThat(ServiceWorkload.from(next).deployment().getSpec().getTemplate())
                .isNotEqualTo(workload.deployment().getSpec().getTemplate());
    }

    @Test
    void secretHoldsEachVariableBase64EncodedInSortedOrder() {
        Map<EnvVarName, String> env = new LinkedHashMap<>();
        env.put(EnvVarName.of("Z_LAST"), "z");
        env.put(EnvVarName.of("A_FIRST"), "ä");
        ServiceSpec spec = Fixtures.service();
        Secret secret =
                ServiceWorkload.from(
                                new ServiceSpec(
                                        spec.service(),
                                        spec.deployment(),
                                        spec.image(),
                                        spec.imagePull(),
                                        spec.port(),
                                        spec.resources(),
                                        spec.cluster(),
                                        env))
                        .secret();

        assertThat(secret.getData().keySet()).containsExactly("A_FIRST", "Z_LAST");
        assertThat(
                        new String(
                                Base64.getDecoder().decode(secret.getData().get("A_FIRST")),
                                StandardCharsets.UTF_8))
                .isEqualTo("ä");
    }

    @Test
    void specNeverPrintsVariableValues() {
        assertThat(Fixtures.service().toString()).contains("DATABASE_URL").doesNotContain("s3cret");
    }

    @Test
    void anImageTaggedWithTheBuildSettingsFingerprintRunsAsTaggedAndNamesItsCommit() {
        ImageRef image =
                ImageRef.of(
                        RegistryHost.DEFAULT,
                        Fixtures.WEB,
                        Fixtures.SHA,
                        BuildSettings.of("node", "apps/web", "Dockerfile", "npm ci", null, null));
        ServiceWorkload fingerprinted =
                ServiceWorkload.from(
                        new ServiceSpec(
                                Fixtures.WEB,
                                DeploymentId.of("dep-7"),
                                image,
                                ImagePull.PULL_SECRET,
                                AppPort.of(3000),
                                ResourcePlan.DEFAULT,
                                Fixtures.EU_CENTRAL_1,
                                Map.of()));

        var deployment = fingerprinted.deployment();
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo(image.reference())
                .endsWith(":" + Fixtures.SHA.value() + "-" + image.fingerprint().value());
        assertThat(deployment.getMetadata().getAnnotations())
                .containsEntry(ServiceWorkload.COMMIT_ANNOTATION, Fixtures.SHA.value());
        assertThat(deployment.getMetadata().getLabels().values())
                .allSatisfy(value -> assertThat(value.length()).isLessThanOrEqualTo(63));
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels().values())
                .allSatisfy(value -> assertThat(value.length()).isLessThanOrEqualTo(63));
    }

    @Test
    void refusesToRunAnotherTenantsImage() {
        ServiceRef other = ServiceRef.of("u43", "shop", "web");
        assertThatThrownBy(
                        () ->
                                new ServiceSpec(
                                        Fixtures.WEB,
                                        DeploymentId.of("dep-7"),
                                        ImageRef.of(RegistryHost.DEFAULT, other, Fixtures.SHA),
                                        ImagePull.PULL_SECRET,
                                        AppPort.of(3000),
                                        ResourcePlan.DEFAULT,
                                        Fixtures.EU_CENTRAL_1,
                                        Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not belong to service web-shop-u42");
    }

    @Test
    void platformIngressRoutesTheHostnameToTheService() {
        var rule = workload.ingress().getSpec().getRules().get(0);
        assertThat(rule.getHost()).isEqualTo("web-shop-u42.ml.ink");
        var backend = rule.getHttp().getPaths().get(0).getBackend().getService();
        assertThat(backend.getName()).isEqualTo(workload.service().getMetadata().getName());
        assertThat(backend.getPort().getNumber()).isEqualTo(3000);
    }
}
