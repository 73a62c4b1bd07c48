package ink.ml.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.checks.AdmissionPolicyEvaluator.Request;
import ink.ml.deploy.checks.AdmissionPolicyEvaluator.Verdict;
import ink.ml.deploy.k8s.ServiceWorkload;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The two admission policies of system/, run on tables of requests with their own CEL: customer
 * code is refused unless it runs under gVisor, and the deployer-worker writes nowhere but in
 * customer namespaces. Both must be bound with Deny, or they only warn.
 */
class AdmissionPoliciesTest {
    private static final String GVISOR_POLICY = "dp-customer-pods-require-gvisor";
    private static final String WORKER_SCOPE_POLICY =
            "dp-deployer-worker-writes-customer-namespaces-only";
    private static final String DEPLOYER_WORKER = "system:serviceaccount:dp-system:deployer-worker";
    private static final String CERT_MANAGER = "system:serviceaccount:cert-manager:cert-manager";
    private static final String SOLVER_LABEL = "acme.cert-manager.io/http01-solver";

    private final AdmissionPolicyEvaluator gvisor = evaluator(GVISOR_POLICY);
    private final AdmissionPolicyEvaluator workerScope = evaluator(WORKER_SCOPE_POLICY);

    // --- gVisor for customer code -------------------------------------------------------------

    @Test
    void podUnderGvisorInACustomerNamespaceIsAdmitted() {
        Verdict verdict = gvisor.decide(pod("dp-u42-shop", "gvisor", Map.of(), DEPLOYER_WORKER));

        assertThat(verdict.matched()).isTrue();
        assertThat(verdict.allowed()).isTrue();
    }

    @Test
    void podWithoutRuntimeClassInACustomerNamespaceIsRefused() {
        Verdict verdict =
                gvisor.decide(
                        pod(
                                "dp-u42-shop",
                                null,
                                Map.of(),
                                "system:serviceaccount:kube-system:replicaset-controller"));

        assertThat(verdict.denied()).isTrue();
        assertThat(verdict.message())
                .isEqualTo(
                        "Pod web-1 in dp-u42-shop must set runtimeClassName: gvisor: customer"
                                + " code runs only in the gVisor sandbox");
    }

    @Test
    void podUnderAnotherRuntimeInACustomerNamespaceIsRefused() {
        assertThat(gvisor.decide(pod("dp-u42-shop", "runc", Map.of(), DEPLOYER_WORKER)).denied())
                .isTrue();
    }

    @Test
    void deploymentTheBuildersMakeIsAdmitted() {
        Deployment deployment = SampleProject.workload().deployment();

        Verdict verdict = gvisor.decide(apps("deployments", "Deployment", deployment));

        assertThat(verdict.matched()).isTrue();
        assertThat(verdict.allowed()).isTrue();
    }

    @Test
    void deploymentWithoutGvisorIsRefusedWhenApplied() {
        Deployment deployment =
                new DeploymentBuilder(SampleProject.workload().deployment())
                        .editSpec()
                        .editTemplate()
                        .editSpec()
                        .withRuntimeClassName(null)
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build();

        Verdict verdict = gvisor.decide(apps("deployments", "Deployment", deployment));

        assertThat(verdict.denied()).isTrue();
        assertThat(verdict.message()).startsWith("Deployment web in dp-u42-shop must set");
    }

    @Test
    void cronJobWithoutGvisorIsRefused() {
        CronJob cronJob =
                new CronJobBuilder()
                        .withNewMetadata()
                        .withName("nightly")
                        .withNamespace("dp-u42-shop")
                        .endMetadata()
                        .withNewSpec()
                        .withSchedule("0 0 * * *")
                        .withNewJobTemplate()
                        .withNewSpec()
                        .withNewTemplate()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("job")
                        .withImage("busybox")
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .endJobTemplate()
                        .endSpec()
                        .build();

        Verdict verdict =
                gvisor.decide(
                        new Request(
                                "batch",
                                "v1",
                                "cronjobs",
                                "CronJob",
                                "dp-u42-shop",
                                "nightly",
                                "CREATE",
                                DEPLOYER_WORKER,
                                tree(cronJob)));

        assertThat(verdict.denied()).isTrue();
    }

    @Test
    void platformNamespacesAndOthersAreNotConcerned() {
        for (String namespace : new String[] {"dp-system", "dp-build", "kube-system", "default"}) {
            assertThat(gvisor.decide(pod(namespace, null, Map.of(), DEPLOYER_WORKER)).matched())
                    .as(namespace)
                    .isFalse();
        }
    }

    @Test
    void certManagersHttp01SolverPodIsExempt() {
        Verdict verdict =
                gvisor.decide(pod("dp-u42-shop", null, Map.of(SOLVER_LABEL, "true"), CERT_MANAGER));

        assertThat(verdict.matched()).isFalse();
    }

    @Test
    void solverLabelSetByAnyoneElseExemptsNothing() {
        Verdict verdict =
                gvisor.decide(
                        pod("dp-u42-shop", null, Map.of(SOLVER_LABEL, "true"), DEPLOYER_WORKER));

        assertThat(verdict.denied()).isTrue();
    }

    @Test
    void certManagerStillNeedsGvisorForAnythingButItsSolver() {
        assertThat(gvisor.decide(pod("dp-u42-shop", null, Map.of(), CERT_MANAGER)).denied())
                .isTrue();
    }

    // --- the deployer-worker's writes ---------------------------------------------------------

    @Test
    void deployerWorkerWritesInACustomerNamespace() {
        for (String operation : new String[] {"CREATE", "UPDATE", "DELETE"}) {
            Verdict verdict =
                    workerScope.decide(
                            core(
                                    "secrets",
                                    "Secret",
                                    "dp-u42-shop",
                                    "web-env",
                                    operation,
                                    DEPLOYER_WORKER));
            assertThat(verdict.matched()).as(operation).isTrue();
            assertThat(verdict.allowed()).as(operation).isTrue();
        }
    }

    @Test
    void deployerWorkerCannotWriteInPlatformOrSystemNamespaces() {
        for (String namespace : new String[] {"dp-system", "dp-build", "kube-system", "default"}) {
            Verdict verdict =
                    workerScope.decide(
                            core("secrets", "Secret", namespace, "x", "CREATE", DEPLOYER_WORKER));
            assertThat(verdict.denied()).as(namespace).isTrue();
            assertThat(verdict.message()).contains("\"" + namespace + "\"");
        }
    }

    @Test
    void deployerWorkerCreatesAndDeletesOnlyCustomerNamespaces() {
        assertThat(
                        workerScope
                                .decide(
                                        core(
                                                "namespaces",
                                                "Namespace",
                                                "",
                                                "dp-u42-shop",
                                                "CREATE",
                                                DEPLOYER_WORKER))
                                .allowed())
                .isTrue();
        assertThat(
                        workerScope
                                .decide(
                                        core(
                                                "namespaces",
                                                "Namespace",
                                                "",
                                                "dp-u42-shop",
                                                "DELETE",
                                                DEPLOYER_WORKER))
                                .allowed())
                .isTrue();
        assertThat(
                        workerScope
                                .decide(
                                        core(
                                                "namespaces",
                                                "Namespace",
                                                "",
                                                "dp-system",
                                                "DELETE",
                                                DEPLOYER_WORKER))
                                .denied())
                .isTrue();
        assertThat(
                        workerScope
                                .decide(
                                        core(
                                                "namespaces",
                                                "Namespace",
                                                "",
                                                "kube-system",
                                                "UPDATE",
                                                DEPLOYER_WORKER))
                                .denied())
                .isTrue();
    }

    @Test
    void deployerWorkerCannotWriteClusterScopedObjects() {
        Verdict verdict =
                workerScope.decide(
                        new Request(
                                "rbac.authorization.k8s.io",
                                "v1",
                                "clusterrolebindings",
                                "ClusterRoleBinding",
                                "",
                                "escalate",
                                "CREATE",
                                DEPLOYER_WORKER,
                                Map.of()));

        assertThat(verdict.denied()).isTrue();
    }

    @Test
    void othersAreNotConcernedByTheWorkersScope() {
        Verdict verdict =
                workerScope.decide(
                        core("secrets", "Secret", "kube-system", "x", "CREATE", "system:admin"));

        assertThat(verdict.matched()).isFalse();
    }

    @Test
    void bothPoliciesAreBoundToDeny() {
        for (String policy : new String[] {GVISOR_POLICY, WORKER_SCOPE_POLICY}) {
            ValidatingAdmissionPolicyBinding binding =
                    SystemManifests.named(ValidatingAdmissionPolicyBinding.class, policy);
            assertThat(binding.getSpec().getPolicyName()).isEqualTo(policy);
            assertThat(binding.getSpec().getValidationActions()).containsExactly("Deny");
            assertThat(binding.getSpec().getMatchResources()).isNull();
            assertThat(
                            SystemManifests.named(ValidatingAdmissionPolicy.class, policy)
                                    .getSpec()
                                    .getFailurePolicy())
                    .isEqualTo("Fail");
        }
    }

    @Test
    void gvisorIsTheRuntimeClassTheBuildersName() {
        assertThat(ServiceWorkload.RUNTIME_CLASS).isEqualTo("gvisor");
    }

    private static AdmissionPolicyEvaluator evaluator(String name) {
        return new AdmissionPolicyEvaluator(
                SystemManifests.named(ValidatingAdmissionPolicy.class, name));
    }

    private static Request pod(
            String namespace, String runtimeClass, Map<String, String> labels, String username) {
        Pod pod =
                new PodBuilder()
                        .withNewMetadata()
                        .withName("web-1")
                        .withNamespace(namespace)
                        .withLabels(labels)
                        .endMetadata()
                        .withNewSpec()
                        .withRuntimeClassName(runtimeClass)
                        .addNewContainer()
                        .withName("app")
                        .withImage("registry.internal:5000/dp-u42-shop/web:1")
                        .endContainer()
                        .endSpec()
                        .build();
        return new Request(
                "", "v1", "pods", "Pod", namespace, "web-1", "CREATE", username, tree(pod));
    }

    private static Request apps(
            String resource, String kind, io.fabric8.kubernetes.api.model.HasMetadata object) {
        return new Request(
                "apps",
                "v1",
                resource,
                kind,
                object.getMetadata().getNamespace(),
                object.getMetadata().getName(),
                "CREATE",
                DEPLOYER_WORKER,
                tree(object));
    }

    private static Request core(
            String resource,
            String kind,
            String namespace,
            String name,
            String operation,
            String username) {
        return new Request(
                "",
                "v1",
                resource,
                kind,
                namespace,
                name,
                operation,
                username,
                operation.equals("DELETE") ? null : Map.of("metadata", Map.of("name", name)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tree(Object object) {
        return StrictModel.serialization().convertValue(object, Map.class);
    }
}
