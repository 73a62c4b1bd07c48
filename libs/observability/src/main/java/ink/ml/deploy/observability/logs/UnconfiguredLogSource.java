package ink.ml.deploy.observability.logs;

import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.observability.ObservabilityUnavailableException;
import java.util.Optional;

/** A region whose log source is not set: every read answers UNAVAILABLE, naming the setting. */
public final class UnconfiguredLogSource implements RuntimeLogSource {
    private final String dependency;
    private final String setting;

    public UnconfiguredLogSource(String dependency, String setting) {
        this.dependency = dependency;
        this.setting = setting;
    }

    @Override
    public LogPage read(ServiceRef service, LogQuery query) {
        throw unavailable();
    }

    @Override
    public LogTail tail(ServiceRef service, Optional<String> search, LogTail.Listener listener) {
        throw unavailable();
    }

    private ObservabilityUnavailableException unavailable() {
        return new ObservabilityUnavailableException(
                dependency, "this region's logs are not configured (" + setting + ")");
    }
}
