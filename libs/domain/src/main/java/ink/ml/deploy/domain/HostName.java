package ink.ml.deploy.domain;

import java.util.Locale;

/**
 * Checks of an ASCII (already punycode) DNS host name; shared by platform zones and custom domains.
 */
final class HostName {
    /** RFC 1035: 255 octets on the wire, which is 253 characters in dotted form. */
    static final int MAX_LENGTH = 253;

    private HostName() {}

    /** Every label is a DNS-1123 label of at most 63 characters; at least two labels. */
    static String requireAscii(String field, String name) {
        if (name.length() > MAX_LENGTH) {
            throw new InvalidValueException(
                    field,
                    "must be at most " + MAX_LENGTH + " characters (got " + name.length() + ")");
        }
        String[] labels = name.split("\\.", -1);
        if (labels.length < 2) {
            throw new InvalidValueException(
                    field,
                    "must be a fully qualified name with at least two labels, e.g. app.example.com");
        }
        for (String label : labels) {
            if (label.isEmpty()) {
                throw new InvalidValueException(field, "must not contain empty labels ('..')");
            }
            DnsLabel.requireRfc1123(field, label.toLowerCase(Locale.ROOT), DnsLabel.MAX_LENGTH);
        }
        String tld = labels[labels.length - 1];
        if (tld.chars().allMatch(Character::isDigit)) {
            throw new InvalidValueException(
                    field, "must not be an IP address or end in a numeric label");
        }
        return name;
    }

    /** True when {@code name} is {@code zone} or a name under it. */
    static boolean isWithin(String name, String zone) {
        return name.equals(zone) || name.endsWith("." + zone);
    }
}
