package ink.ml.deploy.domain;

/** The TCP port a customer's app listens on inside its container. */
public record AppPort(int value) {
    public static final AppPort DEFAULT = new AppPort(8080);

    public AppPort {
        if (value < 1 || value > 65535) {
            throw new InvalidValueException(
                    "port", "must be between 1 and 65535 (got " + value + ")");
        }
    }

    public static AppPort of(int value) {
        return new AppPort(value);
    }

    @Override
    public String toString() {
        return String.valueOf(value);
    }
}
