package ink.ml.deploy.observability.logs;

import ink.ml.deploy.domain.ServiceRef;
import java.util.Optional;

/**
 * Where a region's running apps' output is read: Loki in a cluster, the Docker engine's logs API on
 * one machine. The service names the selector (its namespace and service label, never user input);
 * a source that cannot answer throws {@link
 * ink.ml.deploy.observability.ObservabilityUnavailableException}.
 */
public interface RuntimeLogSource {
    LogPage read(ServiceRef service, LogQuery query);

    /**
     * Follows the service's new lines (those after the call), all deployments, optionally only
     * those containing {@code search}; the listener hears each line once, in order per container.
     */
    LogTail tail(ServiceRef service, Optional<String> search, LogTail.Listener listener);
}
