package ink.ml.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.Pluralize;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The deployer-worker's ClusterRole grants exactly what the code needs. The kinds it writes are
 * taken from what the libs/k8s builders produce for a project (the resources
 * KubernetesExecutionTarget applies, and a custom domain's Certificate and TLS Ingress): a builder
 * that starts making a new kind fails this test until the role grants it, and a grant no builder
 * needs fails it too.
 */
class DeployerWorkerRbacTest {
    private static final String ROLE = "mcpdeploy-deployer-worker";
    private static final String NAMESPACE = "dp-system";
    private static final String ACCOUNT = "deployer-worker";

    /**
     * Server-side apply creates (create) or merges (patch); create-or-update reads and replaces.
     */
    private static final Set<String> APPLY_VERBS = Set.of("create", "patch", "get", "update");

    private static final Set<String> WRITE_VERBS =
            Set.of("create", "update", "patch", "delete", "deletecollection");

    /**
     * What KubernetesExecutionTarget.delete removes by the service's labels (list, and delete one
     * by one or as a collection), and the custom domain's TLS Secret it deletes by name.
     */
    private static final Set<String> DELETED_BY_LABELS =
            Set.of(
                    "networking.k8s.io/ingresses",
                    "apps/deployments",
                    "/services",
                    "/secrets",
                    "cert-manager.io/certificates");

    /**
     * Read, never written: pods (rollout diagnosis, and the runtime monitor's cluster-wide list of
     * the platform's pods), and cert-manager's records of an issuance, whose conditions carry the
     * issuer's reason when a custom domain's certificate fails.
     */
    private static final Set<String> READ_ONLY =
            Set.of(
                    "/pods",
                    "cert-manager.io/certificaterequests",
                    "acme.cert-manager.io/orders",
                    "acme.cert-manager.io/challenges");

    private final ClusterRole role = SystemManifests.named(ClusterRole.class, ROLE);

    @Test
    void everyKindTheBuildersMakeCanBeApplied() {
        Set<String> applied = appliedKinds();

        assertThat(applied)
                .containsExactlyInAnyOrder(
                        "/namespaces",
                        "networking.k8s.io/networkpolicies",
                        "/secrets",
                        "apps/deployments",
                        "/services",
                        "networking.k8s.io/ingresses",
                        "cert-manager.io/certificates");
        for (String kind : applied) {
            assertThat(verbs(kind)).as("verbs on %s", kind).containsAll(APPLY_VERBS);
        }
    }

    @Test
    void theWorkerWritesNoKindTheBuildersDoNotMake() {
        Set<String> writable =
                granted().entrySet().stream()
                        .filter(e -> e.getValue().stream().anyMatch(WRITE_VERBS::contains))
                        .map(Map.Entry::getKey)
                        .collect(Collectors.toCollection(TreeSet::new));

        assertThat(writable).containsExactlyInAnyOrderElementsOf(appliedKinds());
    }

    @Test
    void everyKindTheWorkersCodeReachesIsGranted() {
        Map<String, Set<String>> reached = WorkerCodeKinds.reached();

        assertThat(reached)
                .as("kinds the deployer-worker's sources reach through the client")
                .containsKeys(
                        "/pods",
                        "/secrets",
                        "/services",
                        "/namespaces",
                        "apps/deployments",
                        "networking.k8s.io/ingresses",
                        "cert-manager.io/certificates");
        reached.forEach(
                (kind, files) ->
                        assertThat(verbs(kind))
                                .as("%s, reached in %s, is granted", kind, files)
                                .isNotEmpty());
    }

    @Test
    void whatTheWorkerDeletesItMayListAndDelete() {
        for (String kind : DELETED_BY_LABELS) {
            assertThat(verbs(kind))
                    .as("verbs on %s", kind)
                    .contains("list", "delete", "deletecollection");
        }
        assertThat(verbs("/namespaces")).contains("delete").doesNotContain("list");
    }

    @Test
    void whatTheWorkerOnlyReadsIsReadOnly() {
        Set<String> readOnly =
                granted().entrySet().stream()
                        .filter(e -> e.getValue().stream().noneMatch(WRITE_VERBS::contains))
                        .map(Map.Entry::getKey)
                        .collect(Collectors.toSet());

        assertThat(readOnly).containsExactlyInAnyOrderElementsOf(READ_ONLY);
        for (String kind : READ_ONLY) {
            assertThat(verbs(kind)).as("verbs on %s", kind).isSubsetOf("get", "list", "watch");
        }
    }

    @Test
    void noWildcardAndNoWayToGrantItselfMore() {
        for (PolicyRule rule : role.getRules()) {
            assertThat(rule.getApiGroups()).doesNotContain("*");
            assertThat(rule.getResources()).doesNotContain("*").noneMatch(r -> r.contains("/"));
            assertThat(rule.getVerbs()).doesNotContain("*", "escalate", "bind", "impersonate");
            assertThat(rule.getApiGroups()).doesNotContain("rbac.authorization.k8s.io");
            assertThat(rule.getResourceNames()).isEmpty();
            assertThat(rule.getNonResourceURLs()).isEmpty();
        }
    }

    @Test
    void theRoleIsTheDeployerWorkersAndOnlyItsOwn() {
        ClusterRoleBinding binding = SystemManifests.named(ClusterRoleBinding.class, ROLE);
        assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(binding.getRoleRef().getName()).isEqualTo(ROLE);
        assertThat(binding.getSubjects())
                .singleElement()
                .extracting(Subject::getKind, Subject::getNamespace, Subject::getName)
                .containsExactly("ServiceAccount", NAMESPACE, ACCOUNT);

        ServiceAccount account = SystemManifests.named(ServiceAccount.class, ACCOUNT);
        assertThat(account.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
        PodSpec worker =
                SystemManifests.named(Deployment.class, ACCOUNT).getSpec().getTemplate().getSpec();
        assertThat(worker.getServiceAccountName()).isEqualTo(ACCOUNT);

        // The admission policy that keeps its writes in customer namespaces names the same account.
        assertThat(
                        SystemManifests.named(
                                        ValidatingAdmissionPolicy.class,
                                        "dp-deployer-worker-writes-customer-namespaces-only")
                                .getSpec()
                                .getMatchConditions())
                .singleElement()
                .satisfies(
                        c ->
                                assertThat(c.getExpression())
                                        .contains(
                                                "'system:serviceaccount:"
                                                        + NAMESPACE
                                                        + ":"
                                                        + ACCOUNT
                                                        + "'"));
    }

    @Test
    void noOtherPlatformWorkloadGetsAnApiToken() {
        Map<String, PodSpec> pods = new LinkedHashMap<>();
        SystemManifests.ofKind(Deployment.class)
                .forEach(
                        d ->
                                pods.put(
                                        d.getMetadata().getName(),
                                        d.getSpec().getTemplate().getSpec()));
        SystemManifests.ofKind(StatefulSet.class)
                .forEach(
                        s ->
                                pods.put(
                                        s.getMetadata().getName(),
                                        s.getSpec().getTemplate().getSpec()));
        // registry-gc scales the registry through its own narrow Role (34-role-registry-gc.yaml).
        pods.remove(ACCOUNT);

        assertThat(pods).isNotEmpty();
        pods.forEach(
                (name, spec) ->
                        assertThat(spec.getAutomountServiceAccountToken())
                                .as("%s mounts no service account token", name)
                                .isFalse());
        assertThat(
                        SystemManifests.named(CronJob.class, "registry-gc")
                                .getSpec()
                                .getJobTemplate()
                                .getSpec()
                                .getTemplate()
                                .getSpec()
                                .getServiceAccountName())
                .isEqualTo("registry-gc");
    }

    /** "group/plural" of every resource the builders make for a project. */
    private static Set<String> appliedKinds() {
        Set<String> kinds = new TreeSet<>();
        for (HasMetadata resource : SampleProject.everythingApplied()) {
            String apiVersion = resource.getApiVersion();
            String group =
                    apiVersion.contains("/")
                            ? apiVersion.substring(0, apiVersion.indexOf('/'))
                            : "";
            kinds.add(
                    group + "/" + Pluralize.toPlural(resource.getKind().toLowerCase(Locale.ROOT)));
        }
        return kinds;
    }

    /** "group/resource" → the verbs the role grants on it. */
    private Map<String, Set<String>> granted() {
        Map<String, Set<String>> granted = new LinkedHashMap<>();
        for (PolicyRule rule : role.getRules()) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    granted.computeIfAbsent(group + "/" + resource, k -> new HashSet<>())
                            .addAll(rule.getVerbs());
                }
            }
        }
        return granted;
    }

    private Set<String> verbs(String kind) {
        return granted().getOrDefault(kind, Set.of());
    }
}
