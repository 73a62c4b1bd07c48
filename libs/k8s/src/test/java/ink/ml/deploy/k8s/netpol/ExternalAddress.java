package ink.ml.deploy.k8s.netpol;

import java.util.Objects;

/**
 * An address that is not a pod: only {@code ipBlock} peers can match it.
 *
 * @param ip an IP address literal such as {@code 1.1.1.1} or {@code 169.254.169.254}
 */
public record ExternalAddress(String ip) implements Endpoint {

    public ExternalAddress {
        Objects.requireNonNull(ip, "ip");
        IpAddresses.parse(ip);
    }
}
