package ink.ml.deploy.k8s.netpol;

/**
 * One end of a connection: a pod, or a bare address with no pod behind it (the internet, a Service
 * ClusterIP, the cloud metadata endpoint).
 *
 * <p>The distinction matters because NetworkPolicy peers with pod or namespace selectors only ever
 * select pods, while {@code ipBlock} peers match any address, pods included.
 */
public sealed interface Endpoint permits Pod, ExternalAddress {

    /** The IP address traffic is sent from or to. */
    String ip();
}
