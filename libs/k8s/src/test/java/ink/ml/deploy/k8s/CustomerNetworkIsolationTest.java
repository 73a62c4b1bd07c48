package ink.ml.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.domain.ProjectName;
import ink.ml.deploy.domain.UserId;
import ink.ml.deploy.k8s.netpol.ExternalAddress;
import ink.ml.deploy.k8s.netpol.NetworkPolicyEvaluator;
import ink.ml.deploy.k8s.netpol.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The seed's network isolation table, proved over the policies {@link ProjectResources} generates,
 * with a NetworkPolicy evaluator that follows the Kubernetes semantics. A k3s cluster: pods in
 * 10.42.0.0/16, Services in 10.43.0.0/16, nodes on a private 10.0.0.0/16 network.
 *
 * <p>What a NetworkPolicy cannot do is not proved here: a pod always reaches the node it runs on,
 * whatever a policy says, so the seed's "cannot reach the K8s API" through the pod's own node's
 * address (and its kubelet and exporters) is the node firewall's rule, deploy/ansible's firewall
 * role, checked in deploy/checks.
 */
class CustomerNetworkIsolationTest {
    private static final ProjectResources SHOP =
            ProjectResources.from(new ProjectSpec(UserId.of("u42"), ProjectName.of("shop")));
    private static final ProjectResources BLOG =
            ProjectResources.from(new ProjectSpec(UserId.of("u43"), ProjectName.of("blog")));

    private static final Pod WEB = customerPod("dp-u42-shop", "web", "10.42.1.10");
    private static final Pod DB = customerPod("dp-u42-shop", "db", "10.42.1.11");
    private static final Pod OTHER_CUSTOMER = customerPod("dp-u43-blog", "app", "10.42.2.20");

    private static final Pod TRAEFIK =
            systemPod(Map.of("app.kubernetes.io/name", "traefik"), "10.42.0.5");
    private static final Pod REGISTRY =
            systemPod(Map.of("app.kubernetes.io/name", "registry"), "10.42.0.6");
    private static final Pod GIT_SERVER =
            systemPod(Map.of("app.kubernetes.io/name", "git-server"), "10.42.0.7");
    private static final Pod COREDNS =
            new Pod("kube-system", Map.of(), Map.of("k8s-app", "kube-dns"), "10.42.0.2");

    private static final ExternalAddress PUBLIC_WEBSITE = new ExternalAddress("93.184.216.34");
    private static final ExternalAddress API_SERVER_SERVICE = new ExternalAddress("10.43.0.1");
    private static final ExternalAddress REGISTRY_SERVICE = new ExternalAddress("10.43.25.14");
    private static final ExternalAddress GIT_SERVER_SERVICE = new ExternalAddress("10.43.31.2");
    private static final ExternalAddress OTHER_NODE_PRIVATE_IP = new ExternalAddress("10.0.0.2");
    private static final ExternalAddress METADATA = new ExternalAddress("169.254.169.254");

    private final NetworkPolicyEvaluator cluster = new NetworkPolicyEvaluator(allPolicies());

    private static List<NetworkPolicy> allPolicies() {
        List<NetworkPolicy> policies = new ArrayList<>(SHOP.networkPolicies());
        policies.addAll(BLOG.networkPolicies());
        return policies;
    }

    private static Pod customerPod(String namespace, String service, String ip) {
        return new Pod(
                namespace, Map.of(), Map.of(Labels.SERVICE, service, Labels.NAME, service), ip);
    }

    private static Pod systemPod(Map<String, String> labels, String ip) {
        return new Pod("dp-system", Map.of(), labels, ip);
    }

    @Test
    void servicesOfOneProjectTalkToEachOther() {
        assertThat(cluster.allows(WEB, DB, 5432, "TCP")).isTrue();
        assertThat(cluster.allows(DB, WEB, 3000, "TCP")).isTrue();
    }

    @Test
    void traefikInDpSystemReachesCustomerPods() {
        assertThat(cluster.allows(TRAEFIK, WEB, 3000, "TCP")).isTrue();
    }

    @Test
    void anotherCustomerNamespaceIsDeniedBothWays() {
        assertThat(cluster.allows(OTHER_CUSTOMER, WEB, 3000, "TCP")).isFalse();
        assertThat(cluster.allows(WEB, OTHER_CUSTOMER, 3000, "TCP")).isFalse();
    }

    @Test
    void aPodInAnotherCustomerNamespaceIsDeniedByAddressToo() {
        assertThat(cluster.allowsEgress(WEB, new ExternalAddress(OTHER_CUSTOMER.ip()), 3000, "TCP"))
                .isFalse();
    }

    @Test
    void aNonTraefikPodInDpSystemIsDenied() {
        assertThat(cluster.allows(REGISTRY, WEB, 3000, "TCP")).isFalse();
        assertThat(cluster.allows(GIT_SERVER, WEB, 3000, "TCP")).isFalse();
    }

    @Test
    void aCustomerPodLabelledTraefikIsStillDenied() {
        Pod impostor =
                new Pod(
                        "dp-u43-blog",
                        Map.of(),
                        Map.of("app.kubernetes.io/name", "traefik"),
                        "10.42.2.21");
        assertThat(cluster.allowsIngress(impostor, WEB, 3000, "TCP")).isFalse();
    }

    @Test
    void publicInternetOn443IsAllowed() {
        assertThat(cluster.allows(WEB, PUBLIC_WEBSITE, 443, "TCP")).isTrue();
        assertThat(cluster.allows(WEB, PUBLIC_WEBSITE, 80, "TCP")).isTrue();
    }

    @Test
    void clusterDnsIsAllowedOverUdpAndTcp() {
        assertThat(cluster.allows(WEB, COREDNS, 53, "UDP")).isTrue();
        assertThat(cluster.allows(WEB, COREDNS, 53, "TCP")).isTrue();
    }

    @Test
    void clusterDnsPodsAnswerNothingElse() {
        assertThat(cluster.allowsEgress(WEB, COREDNS, 9153, "TCP")).isFalse();
    }

    @Test
    void port53OnOtherInternalPodsIsNotDns() {
        assertThat(cluster.allowsEgress(WEB, REGISTRY, 53, "UDP")).isFalse();
    }

    @Test
    void registryGitServerAndTheApiServerServiceAreUnreachable() {
        assertThat(cluster.allows(WEB, REGISTRY_SERVICE, 5000, "TCP")).isFalse();
        assertThat(cluster.allows(WEB, REGISTRY, 5000, "TCP")).isFalse();
        assertThat(cluster.allows(WEB, GIT_SERVER_SERVICE, 80, "TCP")).isFalse();
        assertThat(cluster.allows(WEB, GIT_SERVER, 8086, "TCP")).isFalse();
        assertThat(cluster.allows(WEB, API_SERVER_SERVICE, 443, "TCP")).isFalse();
    }

    /**
     * Another node's private address is inside the egress policy's 10.0.0.0/8 exception, so the API
     * server there is refused. A NetworkPolicy cannot stop a pod reaching its own node, whatever
     * the addresses: the API server, kubelet and exporters on the pod's own node are refused by the
     * node firewall (deploy/ansible/roles/firewall, table dp_pod_to_node), not by anything proved
     * here.
     */
    @Test
    void anotherNodesApiServerIsRefusedButThePodsOwnNodeIsLeftToTheNodeFirewall() {
        assertThat(cluster.allows(WEB, OTHER_NODE_PRIVATE_IP, 6443, "TCP"))
                .as("another node's private address, by the policy")
                .isFalse();
    }

    @Test
    void cloudMetadataEndpointIsUnreachable() {
        assertThat(cluster.allows(WEB, METADATA, 80, "TCP")).isFalse();
    }

    @Test
    void everyPrivateRangeIsUnreachable() {
        for (String address : List.of("10.1.2.3", "172.16.0.1", "172.31.255.254", "192.168.1.1")) {
            assertThat(cluster.allows(WEB, new ExternalAddress(address), 443, "TCP"))
                    .as(address)
                    .isFalse();
        }
        assertThat(cluster.allows(WEB, new ExternalAddress("172.32.0.1"), 443, "TCP"))
                .as("just outside 172.16.0.0/12 is public")
                .isTrue();
    }
}
