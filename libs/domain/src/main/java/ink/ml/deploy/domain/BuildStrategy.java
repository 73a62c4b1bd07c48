package ink.ml.deploy.domain;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How a service's image is built. One value per strategy, never a free string. */
public enum BuildStrategy {
    /** BuildKit builds the Dockerfile at the service's Dockerfile path. */
    DOCKERFILE("dockerfile");

    public static final String FIELD = "buildStrategy";

    private final String id;

    BuildStrategy(String id) {
        this.id = id;
    }

    /** The name in APIs and in the database. */
    public String id() {
        return id;
    }

    public static BuildStrategy parse(String id) {
        for (BuildStrategy strategy : values()) {
            if (strategy.id.equals(id)) {
                return strategy;
            }
        }
        throw new InvalidValueException(
                FIELD,
                "must be one of "
                        + Arrays.stream(values())
                                .map(BuildStrategy::id)
                                .collect(Collectors.joining(", "))
                        + (id == null ? "" : " (got \"" + DnsLabel.printable(id) + "\")"));
    }

    @Override
    public String toString() {
        return id;
    }
}
