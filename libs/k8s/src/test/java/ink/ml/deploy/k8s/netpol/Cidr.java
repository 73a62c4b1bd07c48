package ink.ml.deploy.k8s.netpol;

/**
 * An IP range such as {@code 10.0.0.0/8}. An IPv4 range never contains an IPv6 address and vice
 * versa, which is how a dual-stack policy's {@code ::/0} block leaves IPv4 traffic alone.
 */
final class Cidr {

    private final byte[] network;
    private final int prefixLength;

    private Cidr(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    static Cidr parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a CIDR (no prefix length): " + cidr);
        }
        byte[] network = IpAddresses.parse(cidr.substring(0, slash));
        int prefixLength;
        try {
            prefixLength = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a CIDR: " + cidr, e);
        }
        if (prefixLength < 0 || prefixLength > network.length * 8) {
            throw new IllegalArgumentException("prefix length out of range: " + cidr);
        }
        return new Cidr(network, prefixLength);
    }

    boolean contains(String ip) {
        return contains(IpAddresses.parse(ip));
    }

    /** Whether {@code other} is a smaller range inside this one, as an {@code except} must be. */
    boolean strictlyContains(Cidr other) {
        return other.prefixLength > prefixLength && contains(other.network);
    }

    private boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        // Compare only the prefix bits: host bits set in the CIDR ("10.0.0.1/8") do not matter.
        int wholeBytes = prefixLength / 8;
        for (int i = 0; i < wholeBytes; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - remainingBits)) & 0xFF;
        return (address[wholeBytes] & mask) == (network[wholeBytes] & mask);
    }
}
