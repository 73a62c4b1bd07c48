package ink.ml.deploy.deployer.worker.run.edge;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One row of the edge's table: requests for {@code hostname} go to {@code upstream}. Both are
 * checked here, once, so that nothing malformed reaches the proxy's configuration.
 *
 * @param hostname a DNS name, lower case (e.g. {@code web-demo-local.localhost})
 * @param upstream the container's {@code ip:port} (e.g. {@code 172.18.0.5:8080}, or {@code
 *     [fd00::5]:8080})
 */
public record EdgeRoute(String hostname, String upstream) {
    /** RFC 1035: 255 octets on the wire, which is 253 characters in dotted form. */
    private static final int MAX_HOSTNAME_LENGTH = 253;

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 =
            Pattern.compile(
                    "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    public EdgeRoute {
        hostname = hostname(hostname);
        upstream = upstream(upstream);
    }

    /**
     * {@code value} as a host name the edge routes: a DNS name of at least two labels, each of
     * letters, digits and inner hyphens, at most 63 characters, 253 in all. Lower-cased: DNS names
     * do not depend on case.
     *
     * @throws IllegalArgumentException naming the field {@code hostname} and the rule broken
     */
    public static String hostname(String value) {
        if (value == null || value.isBlank()) {
            throw invalid("hostname", "is required", value);
        }
        String name = value.toLowerCase(Locale.ROOT);
        if (name.length() > MAX_HOSTNAME_LENGTH) {
            throw invalid(
                    "hostname", "must be at most " + MAX_HOSTNAME_LENGTH + " characters", value);
        }
        String[] labels = name.split("\\.", -1);
        if (labels.length < 2) {
            throw invalid(
                    "hostname",
                    "must be a DNS name of at least two labels, e.g. web-demo-local.localhost",
                    value);
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw invalid(
                        "hostname",
                        "must be a DNS name: labels of 1 to 63 letters, digits or inner hyphens,"
                                + " separated by dots",
                        value);
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            throw invalid("hostname", "must be a DNS name, not an IP address", value);
        }
        return name;
    }

    /**
     * {@code value} as an upstream: an IP address and a port, {@code 172.18.0.5:8080} or {@code
     * [fd00::5]:8080}. No host names: the edge must not depend on a resolver to reach an app.
     *
     * @throws IllegalArgumentException naming the field {@code upstream} and the rule broken
     */
    public static String upstream(String value) {
        String rule = "must be ip:port, e.g. 172.18.0.5:8080";
        if (value == null || value.isBlank()) {
            throw invalid("upstream", "is required; it " + rule, value);
        }
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            throw invalid("upstream", rule, value);
        }
        String address = value.substring(0, colon);
        boolean ipv6 = address.startsWith("[") && address.endsWith("]");
        boolean validAddress =
                ipv6
                        ? IPV6.matcher(address.substring(1, address.length() - 1)).matches()
                        : IPV4.matcher(address).matches();
        if (!validAddress) {
            throw invalid("upstream", rule + " (the address is not an IP address)", value);
        }
        String port = value.substring(colon + 1);
        if (!port.matches("[0-9]{1,5}")
                || Integer.parseInt(port) < 1
                || Integer.parseInt(port) > 65535) {
            throw invalid("upstream", rule + " (the port must be 1 to 65535)", value);
        }
        return value;
    }

    private static IllegalArgumentException invalid(String field, String rule, String value) {
        String got =
                value == null
                        ? "nothing"
                        : "\""
                                + (value.length() > 80 ? value.substring(0, 80) + "…" : value)
                                + "\"";
        return new IllegalArgumentException(field + " " + rule + " (got " + got + ")");
    }
}
