package ink.ml.deploy.domain;

import java.net.IDN;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;

/**
 * A customer's own domain name, in the ASCII form DNS and certificates use (IDN names converted to
 * punycode, lowercase, without a trailing dot).
 *
 * <p>Refused: wildcards (HTTP-01 cannot prove them), IP literals, names inside a platform zone
 * (nobody may claim {@code ml.ink} or a name under it), special-use names that can never get a
 * public certificate, and anything over the DNS length limits.
 */
public record CustomDomain(String value) {
    private static final String FIELD = "domain";

    /** RFC 6761 and RFC 6762 special-use top-level names: no public CA issues for them. */
    private static final Set<String> SPECIAL_USE_TLDS =
            Set.of("localhost", "local", "internal", "invalid", "test", "example", "arpa", "onion");

    /**
     * The special-use names a platform running with a private test CA (Pebble) and its own DNS may
     * accept ({@link #parse(String, Collection, Set)}): reserved for testing and documentation (RFC
     * 6761 §6.2, §6.5), so they never collide with a real domain.
     */
    public static final Set<String> TESTING_TLDS = Set.of("test", "example");

    public CustomDomain {
        if (value == null || value.isEmpty()) {
            throw new InvalidValueException(FIELD, "must not be empty");
        }
        if (!value.equals(value.toLowerCase(Locale.ROOT))) {
            throw new InvalidValueException(
                    FIELD, "must be lowercase ASCII; use CustomDomain.parse");
        }
        HostName.requireAscii(FIELD, value);
    }

    /**
     * Validates and normalises what a user typed, e.g. {@code Café.Example.COM.} becomes {@code
     * xn--caf-dma.example.com}.
     */
    public static CustomDomain parse(String input, Collection<String> platformZones) {
        return parse(input, platformZones, Set.of());
    }

    /**
     * {@link #parse(String, Collection)}, accepting names under {@code allowedTestingTlds} too
     * (each one of {@link #TESTING_TLDS}): for a platform whose CA and DNS are a test's own.
     *
     * @throws IllegalArgumentException when {@code allowedTestingTlds} holds another name
     */
    public static CustomDomain parse(
            String input, Collection<String> platformZones, Set<String> allowedTestingTlds) {
        for (String tld : allowedTestingTlds) {
            if (!TESTING_TLDS.contains(tld)) {
                throw new IllegalArgumentException(
                        "only " + TESTING_TLDS + " may be allowed for testing, not " + tld);
            }
        }
        if (input == null || input.isBlank()) {
            throw new InvalidValueException(FIELD, "must not be empty");
        }
        if (input.codePoints()
                .anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new InvalidValueException(
                    FIELD, "must not contain whitespace or control characters");
        }
        if (input.contains("*")) {
            throw new InvalidValueException(
                    FIELD, "wildcard domains are not supported; add each host name on its own");
        }
        if (input.contains(":") || input.startsWith("[")) {
            throw new InvalidValueException(
                    FIELD, "must be a host name only: no scheme, port or IPv6 address");
        }
        if (input.contains("/") || input.contains("@")) {
            throw new InvalidValueException(
                    FIELD, "must be a host name only: no URL, path or user");
        }
        String name = input.endsWith(".") ? input.substring(0, input.length() - 1) : input;
        if (name.length() > HostName.MAX_LENGTH * 4) {
            // Guards IDN conversion against absurd input before it does any work.
            throw new InvalidValueException(
                    FIELD, "must be at most " + HostName.MAX_LENGTH + " characters");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(
                    FIELD,
                    "is not a valid internationalised domain name: letters, digits and '-' only,"
                            + " at most 63 characters per label");
        }
        if (ascii.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
            throw new InvalidValueException(FIELD, "must be a host name, not an IP address");
        }
        CustomDomain domain = new CustomDomain(ascii);
        domain.requireOutside(platformZones);
        domain.requirePublic(allowedTestingTlds);
        return domain;
    }

    private void requireOutside(Collection<String> platformZones) {
        for (String zone : platformZones) {
            if (HostName.isWithin(value, zone)) {
                throw new InvalidValueException(
                        FIELD,
                        "must not be "
                                + zone
                                + " or a name under it: the platform already serves those");
            }
        }
    }

    private void requirePublic(Set<String> allowedTestingTlds) {
        String tld = value.substring(value.lastIndexOf('.') + 1);
        if (SPECIAL_USE_TLDS.contains(tld) && !allowedTestingTlds.contains(tld)) {
            throw new InvalidValueException(
                    FIELD, "." + tld + " is a special-use name that no public certificate covers");
        }
    }

    /** The name shown to people: punycode labels turned back into Unicode. */
    public String unicode() {
        return IDN.toUnicode(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
