package ink.ml.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.domain.ProjectName;
import ink.ml.deploy.domain.UserId;
import ink.ml.deploy.k8s.netpol.ExternalAddress;
import ink.ml.deploy.k8s.netpol.NetworkPolicyEvaluator;
import ink.ml.deploy.k8s.netpol.Pod;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where a build can connect to in the cluster, proved over the checked-in manifests in
 * deploy/eu-central-1/k8s/dp-build by the NetworkPolicy evaluator (Kubernetes semantics, no API
 * server or network plugin): buildkitd's own fetches for FROM and ADD, and any RUN step that has a
 * network, leave through buildkitd's pod network, so these policies bound all of them.
 *
 * <p>The same k3s cluster as {@link CustomerNetworkIsolationTest}: pods in 10.42.0.0/16, Services
 * in 10.43.0.0/16, nodes on a private 10.0.0.0/16 network. The evaluator does not translate Service
 * ClusterIPs (kube-proxy does that before a policy applies), so a Service is reached by passing its
 * backend pod. Traffic from a pod to its own node is outside NetworkPolicy altogether: the node
 * firewall refuses it (dp-build/README.md).
 */
class BuildNetworkIsolationByEvaluatorTest {
    private static final List<HasMetadata> MANIFESTS =
            DeployManifests.load(DeployManifests.DP_BUILD);
    private static final List<NetworkPolicy> BUILD_POLICIES =
            DeployManifests.ofKind(MANIFESTS, NetworkPolicy.class);
    private static final Namespace DP_BUILD =
            DeployManifests.ofKind(MANIFESTS, Namespace.class).get(0);

    private static final ProjectResources SHOP =
            ProjectResources.from(new ProjectSpec(UserId.of("u1"), ProjectName.of("shop")));

    private static final Pod BUILDKITD = buildPod(Map.of(Labels.NAME, "buildkitd"), "10.42.3.10");
    private static final Pod STRAY_BUILD_POD = buildPod(Map.of(Labels.NAME, "debug"), "10.42.3.11");

    private static final Pod DEPLOYER_WORKER = systemPod("deployer-worker", "10.42.0.8");
    private static final Pod REGISTRY = systemPod("registry", "10.42.0.6");
    private static final Pod GIT_SERVER = systemPod("git-server", "10.42.0.7");
    private static final Pod TRAEFIK = systemPod("traefik", "10.42.0.5");
    private static final Pod COREDNS =
            new Pod("kube-system", Map.of(), Map.of("k8s-app", "kube-dns"), "10.42.0.2");
    private static final Pod CUSTOMER =
            new Pod(
                    "dp-u1-shop",
                    SHOP.namespace().getMetadata().getLabels(),
                    Map.of(Labels.SERVICE, "web", Labels.NAME, "web"),
                    "10.42.1.10");

    private static final ExternalAddress PUBLIC_WEBSITE = new ExternalAddress("93.184.216.34");
    private static final ExternalAddress API_SERVER_SERVICE = new ExternalAddress("10.43.0.1");
    private static final ExternalAddress CONTROL_PLANE_NODE = new ExternalAddress("10.0.0.2");
    private static final ExternalAddress BUILD_NODE = new ExternalAddress("10.0.0.5");
    private static final ExternalAddress METADATA = new ExternalAddress("169.254.169.254");

    /** Only the build policies: what dp-build refuses by itself, whatever the peer's own rules. */
    private final NetworkPolicyEvaluator buildPolicies = new NetworkPolicyEvaluator(BUILD_POLICIES);

    /** The build policies next to a customer project's, as they coexist in the cluster. */
    private final NetworkPolicyEvaluator cluster = new NetworkPolicyEvaluator(allPolicies());

    private static List<NetworkPolicy> allPolicies() {
        List<NetworkPolicy> policies = new ArrayList<>(BUILD_POLICIES);
        policies.addAll(SHOP.networkPolicies());
        return policies;
    }

    private static Pod buildPod(Map<String, String> labels, String ip) {
        return new Pod(
                DP_BUILD.getMetadata().getName(), DP_BUILD.getMetadata().getLabels(), labels, ip);
    }

    private static Pod systemPod(String name, String ip) {
        return new Pod("dp-system", Map.of(), Map.of(Labels.NAME, name), ip);
    }

    @Test
    void manifestsAreOneNamespaceAndPoliciesInIt() {
        assertThat(DeployManifests.ofKind(MANIFESTS, Namespace.class)).hasSize(1);
        assertThat(DP_BUILD.getMetadata().getName()).isEqualTo("dp-build");
        assertThat(BUILD_POLICIES)
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.getMetadata().getNamespace()).isEqualTo("dp-build"));
        assertThat(MANIFESTS).hasSize(BUILD_POLICIES.size() + 1);
    }

    @Test
    void buildkitdReachesPublicAddressesOverHttpAndHttps() {
        assertThat(cluster.allows(BUILDKITD, PUBLIC_WEBSITE, 443, "TCP")).isTrue();
        assertThat(cluster.allows(BUILDKITD, PUBLIC_WEBSITE, 80, "TCP")).isTrue();
    }

    @Test
    void buildkitdReachesTheRegistryPodsOnTheRegistryPortOnly() {
        assertThat(cluster.allows(BUILDKITD, REGISTRY, 5000, "TCP")).isTrue();
        assertThat(cluster.allows(BUILDKITD, REGISTRY, 5001, "TCP")).isFalse();
        assertThat(cluster.allows(BUILDKITD, REGISTRY, 80, "TCP")).isFalse();
    }

    @Test
    void buildkitdResolvesNamesThroughClusterDnsAndNothingElseThere() {
        assertThat(cluster.allows(BUILDKITD, COREDNS, 53, "UDP")).isTrue();
        assertThat(cluster.allows(BUILDKITD, COREDNS, 53, "TCP")).isTrue();
        assertThat(cluster.allows(BUILDKITD, COREDNS, 9153, "TCP")).as("CoreDNS metrics").isFalse();
        assertThat(cluster.allows(BUILDKITD, REGISTRY, 53, "UDP")).isFalse();
    }

    @Test
    void buildkitdNeverReachesTheApiServerOrAKubelet() {
        assertThat(cluster.allows(BUILDKITD, API_SERVER_SERVICE, 443, "TCP")).isFalse();
        assertThat(cluster.allows(BUILDKITD, CONTROL_PLANE_NODE, 6443, "TCP")).isFalse();
        assertThat(cluster.allows(BUILDKITD, CONTROL_PLANE_NODE, 10250, "TCP")).isFalse();
        assertThat(cluster.allows(BUILDKITD, new ExternalAddress("10.0.0.3"), 10250, "TCP"))
                .as("another node's kubelet")
                .isFalse();
    }

    @Test
    void buildkitdNeverReachesOtherPlatformPods() {
        assertThat(cluster.allows(BUILDKITD, GIT_SERVER, 8086, "TCP")).isFalse();
        assertThat(cluster.allows(BUILDKITD, GIT_SERVER, 80, "TCP")).isFalse();
        assertThat(cluster.allows(BUILDKITD, new ExternalAddress(GIT_SERVER.ip()), 8086, "TCP"))
                .as("git-server by its pod address")
                .isFalse();
        assertThat(cluster.allows(BUILDKITD, TRAEFIK, 443, "TCP")).isFalse();
        assertThat(cluster.allows(BUILDKITD, DEPLOYER_WORKER, 8080, "TCP")).isFalse();
    }

    @Test
    void buildkitdNeverReachesCustomerPods() {
        assertThat(cluster.allows(BUILDKITD, CUSTOMER, 3000, "TCP")).isFalse();
        assertThat(buildPolicies.allowsEgress(BUILDKITD, CUSTOMER, 3000, "TCP")).isFalse();
        assertThat(cluster.allows(BUILDKITD, new ExternalAddress(CUSTOMER.ip()), 3000, "TCP"))
                .as("a customer pod by its address")
                .isFalse();
    }

    @Test
    void buildkitdNeverReachesMetadataPrivateOrSharedAddresses() {
        assertThat(cluster.allows(BUILDKITD, METADATA, 80, "TCP")).isFalse();
        for (String address :
                List.of(
                        "192.168.1.10",
                        "172.16.0.1",
                        "172.31.255.254",
                        "10.255.255.254",
                        "100.64.0.1",
                        "100.127.255.254",
                        "169.254.1.1",
                        "127.0.0.1")) {
            assertThat(cluster.allows(BUILDKITD, new ExternalAddress(address), 443, "TCP"))
                    .as(address)
                    .isFalse();
        }
        for (String address : List.of("172.32.0.1", "100.128.0.1", "11.0.0.1", "192.169.0.1")) {
            assertThat(cluster.allows(BUILDKITD, new ExternalAddress(address), 443, "TCP"))
                    .as(address + " is just outside an excepted range, so public")
                    .isTrue();
        }
    }

    @Test
    void onlyTheDeployerWorkerReachesBuildkitdAndOnlyOnItsPort() {
        assertThat(cluster.allows(DEPLOYER_WORKER, BUILDKITD, 1234, "TCP")).isTrue();
        assertThat(cluster.allows(DEPLOYER_WORKER, BUILDKITD, 1235, "TCP")).isFalse();
        assertThat(cluster.allows(DEPLOYER_WORKER, BUILDKITD, 1234, "UDP")).isFalse();
    }

    @Test
    void aCustomerPodCannotReachBuildkitdWhateverItsOwnEgressAllows() {
        assertThat(cluster.allows(CUSTOMER, BUILDKITD, 1234, "TCP")).isFalse();
        assertThat(buildPolicies.allowsIngress(CUSTOMER, BUILDKITD, 1234, "TCP")).isFalse();
    }

    @Test
    void aCustomerPodLabelledDeployerWorkerCannotReachBuildkitd() {
        Pod impostor =
                new Pod(
                        "dp-u1-shop",
                        Map.of(),
                        Map.of(Labels.NAME, "deployer-worker"),
                        "10.42.1.12");
        assertThat(buildPolicies.allowsIngress(impostor, BUILDKITD, 1234, "TCP")).isFalse();
    }

    @Test
    void otherPlatformPodsAndOtherPodsInDpBuildCannotReachBuildkitd() {
        for (Pod other : List.of(GIT_SERVER, TRAEFIK, REGISTRY, STRAY_BUILD_POD)) {
            assertThat(buildPolicies.allowsIngress(other, BUILDKITD, 1234, "TCP"))
                    .as(other.labels().toString())
                    .isFalse();
        }
    }

    @Test
    void aPodInDpBuildWithoutTheBuildkitdLabelReachesNothingAndNothingReachesIt() {
        assertThat(cluster.allows(STRAY_BUILD_POD, PUBLIC_WEBSITE, 443, "TCP")).isFalse();
        assertThat(cluster.allows(STRAY_BUILD_POD, COREDNS, 53, "UDP")).isFalse();
        assertThat(cluster.allows(STRAY_BUILD_POD, REGISTRY, 5000, "TCP")).isFalse();
        assertThat(cluster.allows(DEPLOYER_WORKER, STRAY_BUILD_POD, 1234, "TCP")).isFalse();
    }

    /**
     * What the policy cannot refuse, kept visible: an address outside every excepted range is the
     * public internet to it, whatever listens there. The node firewall is what refuses SMTP and a
     * node's own services on its public address (README); a change that makes these false is
     * welcome, and should update the README too.
     */
    @Test
    void smtpAndNodesPublicAddressesAreLeftToTheNodeFirewall() {
        assertThat(cluster.allows(BUILDKITD, PUBLIC_WEBSITE, 25, "TCP")).isTrue();
        ExternalAddress nodePublicAddress = new ExternalAddress("203.0.113.10");
        assertThat(cluster.allows(BUILDKITD, nodePublicAddress, 6443, "TCP")).isTrue();
        assertThat(cluster.allows(BUILDKITD, nodePublicAddress, 10250, "TCP")).isTrue();
        assertThat(cluster.allows(BUILDKITD, BUILD_NODE, 10250, "TCP"))
                .as("by the policy; in a cluster, its own node is out of the policy's reach")
                .isFalse();
    }
}
