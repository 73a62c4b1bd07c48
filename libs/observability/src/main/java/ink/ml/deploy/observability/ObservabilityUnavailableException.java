package ink.ml.deploy.observability;

/**
 * A source of logs or metrics (Loki, Prometheus, the Docker engine) is down, slow or answered
 * something unreadable. The APIs answer {@code UNAVAILABLE} with {@link #getMessage()}, which names
 * the dependency; nothing else in the API depends on it, and deployments never wait for it.
 */
public final class ObservabilityUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String dependency;

    /**
     * @param dependency what did not answer, as a person knows it: {@code Loki}, {@code
     *     Prometheus}, {@code the Docker engine}
     * @param problem what went wrong, without secrets, e.g. {@code timed out after 5 s}
     */
    public ObservabilityUnavailableException(String dependency, String problem, Throwable cause) {
        super(dependency + " is unavailable: " + problem, cause);
        this.dependency = dependency;
    }

    public ObservabilityUnavailableException(String dependency, String problem) {
        this(dependency, problem, null);
    }

    public String dependency() {
        return dependency;
    }
}
