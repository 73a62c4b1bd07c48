package ink.ml.deploy.k8s.netpol;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.List;

/**
 * Answers "would the cluster let this connection through?" for a set of {@code
 * networking.k8s.io/v1} NetworkPolicies, following the Kubernetes semantics that every conforming
 * network plugin implements.
 *
 * <ul>
 *   <li>A policy selects pods of its own namespace with {@code spec.podSelector} ({@code {}} = all)
 *       for the directions in {@code policyTypes}; without {@code policyTypes} it is Ingress, plus
 *       Egress when it has egress rules.
 *   <li>A pod no policy selects for a direction is open in that direction; once one does, only what
 *       some rule of some selecting policy allows gets through (the union of all of them).
 *   <li>A connection between two pods needs the source's egress and the destination's ingress.
 *   <li>A pod cannot block traffic to itself.
 * </ul>
 *
 * <p>Named ports ({@code port: http}) resolve against container ports, which this model does not
 * carry: a named port never matches a port number here, so the evaluator errs towards "denied".
 *
 * <p>Service ClusterIPs are not translated: in a cluster kube-proxy rewrites them to a backend pod
 * before the network plugin applies policy, so to ask whether a pod reaches a Service, pass the
 * backend pod (e.g. CoreDNS in kube-system), not the ClusterIP. Traffic from the pod's own node,
 * which Kubernetes always allows, is not modelled either.
 */
public final class NetworkPolicyEvaluator {

    private static final String DEFAULT_PROTOCOL = "TCP";

    private final List<NetworkPolicy> policies;

    /**
     * @param allPoliciesInCluster every policy that exists, in any namespace
     * @throws IllegalArgumentException if a policy is one the API server would reject
     */
    public NetworkPolicyEvaluator(List<NetworkPolicy> allPoliciesInCluster) {
        this.policies = List.copyOf(allPoliciesInCluster);
        policies.forEach(NetworkPolicyValidation::requireValid);
    }

    /**
     * Whether a connection from {@code from} to a pod, on {@code port}/{@code protocol}, passes all
     * policies: the source's egress and, when the destination is a pod, its ingress.
     */
    public boolean allows(Pod from, Endpoint to, int port, String protocol) {
        return allowsEgress(from, to, port, protocol)
                && (!(to instanceof Pod destination)
                        || allowsIngress(from, destination, port, protocol));
    }

    /** Whether the policies selecting {@code to} for Ingress let this connection in. */
    public boolean allowsIngress(Endpoint from, Pod to, int port, String protocol) {
        return allowed(Direction.INGRESS, to, from, port, protocol);
    }

    /** Whether the policies selecting {@code from} for Egress let this connection out. */
    public boolean allowsEgress(Pod from, Endpoint to, int port, String protocol) {
        return allowed(Direction.EGRESS, from, to, port, protocol);
    }

    /**
     * @param subject the pod whose policies are in force (destination of ingress, source of egress)
     * @param peer the other end, which the rules' from/to peers must match
     */
    private boolean allowed(
            Direction direction, Pod subject, Endpoint peer, int port, String protocol) {
        NetworkPolicyValidation.requirePortNumber(port);
        NetworkPolicyValidation.requireProtocol(protocol);
        if (subject.equals(peer)) {
            return true;
        }
        List<NetworkPolicy> isolating =
                policies.stream().filter(policy -> selects(policy, subject, direction)).toList();
        if (isolating.isEmpty()) {
            return true;
        }
        return isolating.stream()
                .anyMatch(policy -> someRuleAllows(policy, direction, peer, port, protocol));
    }

    private static boolean someRuleAllows(
            NetworkPolicy policy, Direction direction, Endpoint peer, int port, String protocol) {
        return direction.rules(policy.getSpec()).stream()
                .anyMatch(
                        rule ->
                                peersMatch(rule.peers(), policy, peer)
                                        && portsMatch(rule.ports(), port, protocol));
    }

    private static boolean selects(NetworkPolicy policy, Pod pod, Direction direction) {
        NetworkPolicySpec spec = policy.getSpec();
        // spec.podSelector is not optional in the API; absent is read as {} there too.
        return policy.getMetadata().getNamespace().equals(pod.namespace())
                && (spec.getPodSelector() == null
                        || LabelSelectors.matches(spec.getPodSelector(), pod.labels()))
                && direction.isTypeOf(spec);
    }

    /** No peers listed means every peer, not none. */
    private static boolean peersMatch(
            List<NetworkPolicyPeer> peers, NetworkPolicy policy, Endpoint endpoint) {
        return peers == null
                || peers.isEmpty()
                || peers.stream().anyMatch(peer -> peerMatches(peer, policy, endpoint));
    }

    private static boolean peerMatches(
            NetworkPolicyPeer peer, NetworkPolicy policy, Endpoint endpoint) {
        if (peer.getIpBlock() != null) {
            return ipBlockMatches(peer.getIpBlock(), endpoint.ip());
        }
        if (!(endpoint instanceof Pod pod)) {
            // Selectors select pods; an address with no pod behind it is never among them.
            return false;
        }
        // Without a namespaceSelector the peer is confined to the policy's own namespace; with
        // one, both selectors of this single peer must hold (AND, unlike two separate peers).
        boolean namespaceMatches =
                peer.getNamespaceSelector() == null
                        ? pod.namespace().equals(policy.getMetadata().getNamespace())
                        : LabelSelectors.matches(
                                peer.getNamespaceSelector(), pod.namespaceLabels());
        boolean podMatches =
                peer.getPodSelector() == null
                        || LabelSelectors.matches(peer.getPodSelector(), pod.labels());
        return namespaceMatches && podMatches;
    }

    private static boolean ipBlockMatches(IPBlock block, String ip) {
        if (!Cidr.parse(block.getCidr()).contains(ip)) {
            return false;
        }
        List<String> excepts = block.getExcept() == null ? List.of() : block.getExcept();
        return excepts.stream().noneMatch(except -> Cidr.parse(except).contains(ip));
    }

    /** No ports listed means every port of every protocol. */
    private static boolean portsMatch(List<NetworkPolicyPort> ports, int port, String protocol) {
        return ports == null
                || ports.isEmpty()
                || ports.stream().anyMatch(rule -> portMatches(rule, port, protocol));
    }

    private static boolean portMatches(NetworkPolicyPort rule, int port, String protocol) {
        String ruleProtocol = rule.getProtocol() == null ? DEFAULT_PROTOCOL : rule.getProtocol();
        if (!ruleProtocol.equals(protocol)) {
            return false;
        }
        IntOrString first = rule.getPort();
        if (first == null) {
            return true;
        }
        if (first.getIntVal() == null) {
            return false;
        }
        int last = rule.getEndPort() == null ? first.getIntVal() : rule.getEndPort();
        return port >= first.getIntVal() && port <= last;
    }
}
