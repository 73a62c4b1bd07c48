package ink.ml.deploy.k8s.netpol;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.List;

/** The two directions a policy can isolate a pod in, and where a policy spec keeps each. */
enum Direction {
    INGRESS("Ingress"),
    EGRESS("Egress");

    private final String policyType;

    Direction(String policyType) {
        this.policyType = policyType;
    }

    /** Whether the policy isolates the pods it selects in this direction. */
    boolean isTypeOf(NetworkPolicySpec spec) {
        List<String> declared = spec.getPolicyTypes();
        if (declared != null && !declared.isEmpty()) {
            return declared.contains(policyType);
        }
        // The API server's default: always Ingress, Egress only when there are egress rules
        // (an empty egress list does not count, so "egress: []" alone isolates nothing).
        return this == INGRESS || !orEmpty(spec.getEgress()).isEmpty();
    }

    List<PolicyRule> rules(NetworkPolicySpec spec) {
        return switch (this) {
            case INGRESS ->
                    orEmpty(spec.getIngress()).stream()
                            .map(rule -> new PolicyRule(rule.getFrom(), rule.getPorts()))
                            .toList();
            case EGRESS ->
                    orEmpty(spec.getEgress()).stream()
                            .map(rule -> new PolicyRule(rule.getTo(), rule.getPorts()))
                            .toList();
        };
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
