package ink.ml.deploy.dnscheck;

import ink.ml.deploy.domain.InvalidValueException;

/** One resolver of {@link DnsResolverSettings}: a host and a port. */
record ResolverAddress(String host, int port) {
    private static final String FIELD = "resolvers";
    static final int DNS_PORT = 53;

    static ResolverAddress parse(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(FIELD, "must not hold an empty entry");
        }
        String text = value.strip();
        String host;
        String port;
        if (text.startsWith("[")) {
            int end = text.indexOf(']');
            if (end < 0) {
                throw new InvalidValueException(FIELD, "\"" + value + "\" lacks the closing ']'");
            }
            host = text.substring(1, end);
            String rest = text.substring(end + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw new InvalidValueException(FIELD, "\"" + value + "\" must be [ipv6]:port");
            }
            port = rest.isEmpty() ? null : rest.substring(1);
        } else if (text.indexOf(':') != text.lastIndexOf(':')) {
            throw new InvalidValueException(
                    FIELD, "\"" + value + "\": write an IPv6 resolver as [address]:port");
        } else {
            int colon = text.indexOf(':');
            host = colon < 0 ? text : text.substring(0, colon);
            port = colon < 0 ? null : text.substring(colon + 1);
        }
        if (host.isEmpty() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidValueException(FIELD, "\"" + value + "\" has no host");
        }
        return new ResolverAddress(host, port == null ? DNS_PORT : parsePort(value, port));
    }

    private static int parsePort(String value, String port) {
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            number = -1;
        }
        if (number < 1 || number > 65535) {
            throw new InvalidValueException(
                    FIELD, "\"" + value + "\" must end in a port between 1 and 65535");
        }
        return number;
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
