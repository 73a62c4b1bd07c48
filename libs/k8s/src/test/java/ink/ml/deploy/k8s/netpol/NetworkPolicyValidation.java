package ink.ml.deploy.k8s.netpol;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The subset of the API server's NetworkPolicy validation that the evaluator relies on.
 *
 * <p>A policy the API server would reject never takes effect in a cluster, so evaluating it would
 * answer a question nobody can ask; failing here instead points at the builder that produced it.
 */
final class NetworkPolicyValidation {

    static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "SCTP");
    static final Set<String> POLICY_TYPES = Set.of("Ingress", "Egress");

    // IANA service name, as Kubernetes requires of port names: at most 15 characters.
    private static final Pattern PORT_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?");

    private NetworkPolicyValidation() {}

    static void requireValid(NetworkPolicy policy) {
        if (policy.getMetadata() == null || isBlank(policy.getMetadata().getNamespace())) {
            throw new IllegalArgumentException(
                    "NetworkPolicy without a namespace (it only applies in its own namespace): "
                            + policy);
        }
        try {
            requireValid(policy.getSpec());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "NetworkPolicy "
                            + policy.getMetadata().getNamespace()
                            + "/"
                            + policy.getMetadata().getName()
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    static void requirePortNumber(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range 1-65535: " + port);
        }
    }

    static void requireProtocol(String protocol) {
        if (!PROTOCOLS.contains(protocol)) {
            throw new IllegalArgumentException(
                    "protocol must be one of " + PROTOCOLS + " (case matters): " + protocol);
        }
    }

    private static void requireValid(NetworkPolicySpec spec) {
        if (spec == null) {
            throw new IllegalArgumentException("no spec");
        }
        if (spec.getPodSelector() != null) {
            LabelSelectors.requireValid(spec.getPodSelector());
        }
        for (String type : orEmpty(spec.getPolicyTypes())) {
            if (!POLICY_TYPES.contains(type)) {
                throw new IllegalArgumentException("unknown policy type: " + type);
            }
        }
        for (NetworkPolicyIngressRule rule : orEmpty(spec.getIngress())) {
            orEmpty(rule.getFrom()).forEach(NetworkPolicyValidation::requireValid);
            orEmpty(rule.getPorts()).forEach(NetworkPolicyValidation::requireValid);
        }
        for (NetworkPolicyEgressRule rule : orEmpty(spec.getEgress())) {
            orEmpty(rule.getTo()).forEach(NetworkPolicyValidation::requireValid);
            orEmpty(rule.getPorts()).forEach(NetworkPolicyValidation::requireValid);
        }
    }

    private static void requireValid(NetworkPolicyPeer peer) {
        LabelSelector podSelector = peer.getPodSelector();
        LabelSelector namespaceSelector = peer.getNamespaceSelector();
        boolean hasSelector = podSelector != null || namespaceSelector != null;
        if (peer.getIpBlock() != null) {
            if (hasSelector) {
                throw new IllegalArgumentException(
                        "a peer has either an ipBlock or selectors, not both: " + peer);
            }
            requireValid(peer.getIpBlock());
        } else if (!hasSelector) {
            throw new IllegalArgumentException(
                    "a peer needs a podSelector, a namespaceSelector or an ipBlock: " + peer);
        }
        if (podSelector != null) {
            LabelSelectors.requireValid(podSelector);
        }
        if (namespaceSelector != null) {
            LabelSelectors.requireValid(namespaceSelector);
        }
    }

    private static void requireValid(IPBlock block) {
        if (block.getCidr() == null) {
            throw new IllegalArgumentException("ipBlock without cidr: " + block);
        }
        Cidr cidr = Cidr.parse(block.getCidr());
        for (String except : orEmpty(block.getExcept())) {
            if (!cidr.strictlyContains(Cidr.parse(except))) {
                throw new IllegalArgumentException(
                        "except " + except + " is not a strict subset of " + block.getCidr());
            }
        }
    }

    private static void requireValid(NetworkPolicyPort port) {
        if (port.getProtocol() != null) {
            requireProtocol(port.getProtocol());
        }
        IntOrString first = port.getPort();
        Integer endPort = port.getEndPort();
        if (first != null && first.getIntVal() != null) {
            requirePortNumber(first.getIntVal());
            if (endPort != null) {
                requirePortNumber(endPort);
                if (endPort < first.getIntVal()) {
                    throw new IllegalArgumentException("endPort below port: " + port);
                }
            }
            return;
        }
        if (endPort != null) {
            throw new IllegalArgumentException("endPort needs a numeric port: " + port);
        }
        if (first != null) {
            requirePortName(first.getStrVal());
        }
    }

    private static void requirePortName(String name) {
        boolean valid =
                name != null
                        && PORT_NAME.matcher(name).matches()
                        && !name.contains("--")
                        && name.chars().anyMatch(Character::isLetter);
        if (!valid) {
            throw new IllegalArgumentException("invalid port name: " + name);
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
