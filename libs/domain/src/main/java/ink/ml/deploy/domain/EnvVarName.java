package ink.ml.deploy.domain;

import java.util.regex.Pattern;

/**
 * The name of an environment variable of a customer service: a POSIX-style name, which is also a
 * valid Kubernetes Secret key and survives {@code envFrom}.
 */
public record EnvVarName(String value) implements Comparable<EnvVarName> {
    public static final int MAX_LENGTH = 128;

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public EnvVarName {
        if (value == null || value.isEmpty()) {
            throw new InvalidValueException("env", "variable name must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidValueException(
                    "env", "variable name must be at most " + MAX_LENGTH + " characters");
        }
        if (!SHAPE.matcher(value).matches()) {
            throw new InvalidValueException(
                    "env",
                    "variable name \""
                            + DnsLabel.printable(value)
                            + "\" must consist of letters, digits and '_' and not start with a"
                            + " digit");
        }
    }

    public static EnvVarName of(String value) {
        return new EnvVarName(value);
    }

    @Override
    public int compareTo(EnvVarName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
