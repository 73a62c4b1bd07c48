package ink.ml.deploy.deployer.worker.run.docker;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hostnames whose rollout this worker is waiting for. The runtime monitor leaves their routes
 * alone: the rollout switches them once its container is ready, and the monitor must not route a
 * service's first container before then.
 */
public final class RolloutsInFlight {
    private final Set<String> hostnames = ConcurrentHashMap.newKeySet();

    void begin(String hostname) {
        hostnames.add(hostname);
    }

    void end(String hostname) {
        hostnames.remove(hostname);
    }

    boolean contains(String hostname) {
        return hostnames.contains(hostname);
    }
}
