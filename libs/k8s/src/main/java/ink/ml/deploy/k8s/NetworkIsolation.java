package ink.ml.deploy.k8s;

import ink.ml.deploy.domain.Namespaces;
import java.util.List;
import java.util.Map;

/**
 * The facts about the cluster that the project network policies rely on. If Traefik's or CoreDNS's
 * labels change, or the cluster moves to other address ranges, this is the one place to change.
 */
public final class NetworkIsolation {
    public static final String INGRESS_POLICY_NAME = "dp-ingress";
    public static final String EGRESS_POLICY_NAME = "dp-egress";

    /** Kubernetes sets this label on every namespace (1.21+), so it can be selected by name. */
    public static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    public static final String TRAEFIK_NAMESPACE = Namespaces.SYSTEM;
    public static final Map<String, String> TRAEFIK_POD_LABELS =
            Map.of("app.kubernetes.io/name", "traefik");

    public static final String DNS_NAMESPACE = "kube-system";
    public static final Map<String, String> DNS_POD_LABELS = Map.of("k8s-app", "kube-dns");
    public static final int DNS_PORT = 53;

    /** Everything is reachable from a customer pod except these ranges. */
    public static final String PUBLIC_INTERNET = "0.0.0.0/0";

    /**
     * RFC 1918 ranges hold the pod network (10.42.0.0/16), cluster services (10.43.0.0/16, the
     * registry, git-server and API server among them) and the nodes' private network; the
     * link-local address is the cloud metadata endpoint.
     */
    public static final List<String> BLOCKED_DESTINATIONS =
            List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.169.254/32");

    private NetworkIsolation() {}
}
