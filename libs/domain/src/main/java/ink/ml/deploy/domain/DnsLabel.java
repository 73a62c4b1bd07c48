package ink.ml.deploy.domain;

import java.util.regex.Pattern;

/**
 * The one implementation of the DNS label rules that Kubernetes applies to names (RFC 1123 and RFC
 * 1035 labels). Callers pass the field name so a rejection says which input was wrong.
 */
public final class DnsLabel {
    /** RFC 1123 / Kubernetes: a label is at most 63 characters. */
    public static final int MAX_LENGTH = 63;

    private static final Pattern RFC1123 = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern RFC1035 = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

    private DnsLabel() {}

    /** Checks a DNS-1123 label (lowercase alphanumerics and '-', alphanumeric at both ends). */
    public static String requireRfc1123(String field, String value, int maxLength) {
        String label = requireShape(field, value, maxLength);
        if (!RFC1123.matcher(label).matches()) {
            throw new InvalidValueException(
                    field,
                    "must consist of lowercase letters a-z, digits 0-9 and '-', and start and end"
                            + " with a letter or digit (got \""
                            + printable(label)
                            + "\")");
        }
        return label;
    }

    /**
     * Checks a DNS-1035 label: a DNS-1123 label that starts with a letter. Kubernetes requires this
     * of Service names, so every name that becomes a Service must follow it.
     */
    public static String requireRfc1035(String field, String value, int maxLength) {
        String label = requireRfc1123(field, value, maxLength);
        if (!RFC1035.matcher(label).matches()) {
            throw new InvalidValueException(field, "must start with a letter a-z");
        }
        return label;
    }

    private static String requireShape(String field, String value, int maxLength) {
        if (value == null || value.isEmpty()) {
            throw new InvalidValueException(field, "must not be empty");
        }
        if (value.length() > maxLength) {
            throw new InvalidValueException(
                    field,
                    "must be at most " + maxLength + " characters (got " + value.length() + ")");
        }
        return value;
    }

    /** Echoes rejected input back without control characters that could forge log lines. */
    static String printable(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints()
                .forEach(
                        c -> {
                            if (Character.isISOControl(c)) {
                                out.append(String.format("\\u%04x", c));
                            } else {
                                out.appendCodePoint(c);
                            }
                        });
        return out.toString();
    }
}
