package ink.ml.deploy.k8s.netpol;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Parses IP address literals without ever resolving a host name. */
final class IpAddresses {

    // Leading zeros are refused, as Kubernetes does: "010" would be octal to some parsers.
    private static final Pattern IPV4 =
            Pattern.compile(
                    "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private IpAddresses() {}

    /** The address bytes: 4 for IPv4, 16 for IPv6. */
    static byte[] parse(String ip) {
        if (IPV4.matcher(ip).matches()) {
            String[] octets = ip.split("\\.");
            byte[] address = new byte[4];
            for (int i = 0; i < 4; i++) {
                address[i] = (byte) Integer.parseInt(octets[i]);
            }
            return address;
        }
        if (ip.indexOf(':') >= 0) {
            // With a colon InetAddress only accepts an IPv6 literal; it never does a DNS lookup.
            try {
                return InetAddress.getByName(ip).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IP address: " + ip, e);
            }
        }
        throw new IllegalArgumentException("not an IP address: " + ip);
    }
}
