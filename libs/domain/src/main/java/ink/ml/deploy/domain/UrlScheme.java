package ink.ml.deploy.domain;

import java.util.Locale;

/**
 * The scheme a cluster's edge answers public requests with, and the port that goes without saying.
 */
public enum UrlScheme {
    HTTP("http", 80),
    HTTPS("https", 443);

    private final String value;
    private final int defaultPort;

    UrlScheme(String value, int defaultPort) {
        this.value = value;
        this.defaultPort = defaultPort;
    }

    /** {@code http} or {@code https}, in any case. */
    public static UrlScheme parse(String value) {
        if (value != null) {
            for (UrlScheme scheme : values()) {
                if (scheme.value.equals(value.toLowerCase(Locale.ROOT))) {
                    return scheme;
                }
            }
        }
        throw new InvalidValueException("urlScheme", "must be http or https (got " + value + ")");
    }

    /** As it is written in a URL, e.g. {@code https}. */
    public String value() {
        return value;
    }

    /** The port a URL with this scheme leaves out: 80 or 443. */
    public int defaultPort() {
        return defaultPort;
    }

    @Override
    public String toString() {
        return value;
    }
}
