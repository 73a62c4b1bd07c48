package ink.ml.deploy.k8s.netpol;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A pod as NetworkPolicy sees it: its namespace (with that namespace's labels), its own labels and
 * its IP.
 *
 * <p>Like a real cluster, the namespace always carries {@value #NAMESPACE_NAME_LABEL}; policies
 * commonly select a namespace by it, so fixtures must not have to remember to add it.
 *
 * @param namespace the namespace name
 * @param namespaceLabels the labels of the namespace; the name label is added
 * @param labels the labels of the pod
 * @param ip the pod IP
 */
public record Pod(
        String namespace,
        Map<String, String> namespaceLabels,
        Map<String, String> labels,
        String ip)
        implements Endpoint {

    /** Set by the API server on every namespace since Kubernetes 1.21. */
    public static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    public Pod {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(namespaceLabels, "namespaceLabels");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(ip, "ip");
        IpAddresses.parse(ip);
        String givenName = namespaceLabels.get(NAMESPACE_NAME_LABEL);
        if (givenName != null && !givenName.equals(namespace)) {
            // The API server would overwrite it; a fixture saying otherwise is a mistake.
            throw new IllegalArgumentException(
                    NAMESPACE_NAME_LABEL + "=" + givenName + " contradicts namespace " + namespace);
        }
        Map<String, String> withName = new HashMap<>(namespaceLabels);
        withName.put(NAMESPACE_NAME_LABEL, namespace);
        namespaceLabels = Map.copyOf(withName);
        labels = Map.copyOf(labels);
    }
}
