package ink.ml.deploy.k8s.netpol;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;

/**
 * An ingress or egress rule seen the same way: ingress lists its peers under {@code from}, egress
 * under {@code to}, and everything else about them is identical.
 *
 * @param peers the {@code from} or {@code to} peers; null or empty means any peer
 * @param ports the ports; null or empty means any port
 */
record PolicyRule(List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports) {}
