package ink.ml.deploy.domain;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How a service's image is built. One value per strategy, never a free string. */
public enum BuildStrategy {
    /**
     * The repository's Dockerfile when there is one at the service's Dockerfile path; otherwise the
     * app is detected and its Dockerfile generated.
     */
    AUTO("auto"),
    /** BuildKit builds the Dockerfile at the service's Dockerfile path. */
    DOCKERFILE("dockerfile"),
    /** A generated Dockerfile for a Node app (package.json). */
    NODE("node"),
    /** A generated Dockerfile for a Python app (requirements.txt, pyproject.toml, Pipfile). */
    PYTHON("python"),
    /** A generated Dockerfile for a Go module (go.mod). */
    GO("go"),
    /** A generated Dockerfile serving a static site (index.html). */
    STATIC("static"),
    /** A generated Dockerfile building a runnable jar with the Maven or Gradle wrapper. */
    JAVA("java");

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
        return parse(FIELD, id);
    }

    /**
     * @param field the name the caller's API gives the strategy (e.g. {@code build}), so the
     *     refusal points at what the client sent
     */
    public static BuildStrategy parse(String field, String id) {
        for (BuildStrategy strategy : values()) {
            if (strategy.id.equals(id)) {
                return strategy;
            }
        }
        throw new InvalidValueException(
                field,
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
