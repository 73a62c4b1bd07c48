package ink.ml.deploy.domain;

import java.util.regex.Pattern;

/**
 * The container registry that images are pushed to and pulled from: {@code host[:port]}, e.g. the
 * seed's {@code registry.internal:5000}. Configurable so single-machine installs and tests can use
 * {@code 127.0.0.1:5000}.
 */
public record RegistryHost(String value) {
    private static final Pattern SHAPE =
            Pattern.compile(
                    "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*(:[0-9]{1,5})?");

    // Declared after SHAPE: static fields initialise in order and the constructor needs SHAPE.
    public static final RegistryHost DEFAULT = new RegistryHost("registry.internal:5000");

    public RegistryHost {
        if (value == null || value.isEmpty()) {
            throw new InvalidValueException("registry", "must not be empty");
        }
        if (value.length() > 253 || !SHAPE.matcher(value).matches()) {
            throw new InvalidValueException(
                    "registry",
                    "must be a lowercase host name or IPv4 address with an optional :port, without"
                            + " scheme or path");
        }
        int colon = value.indexOf(':');
        if (colon >= 0) {
            int port = Integer.parseInt(value.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new InvalidValueException("registry", "port must be between 1 and 65535");
            }
        }
    }

    public static RegistryHost of(String value) {
        return new RegistryHost(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
