package ink.ml.deploy.worker.deploy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How many builds one user may run at a time, so that a few endless builds of one user cannot hold
 * the build pool for everyone. A deployment over the limit waits, queued, with an event saying so,
 * and starts building once one of the user's builds ends (built, failed or cancelled).
 */
@ConfigMapping(prefix = "mcpdeploy.builds")
public interface BuildSlotsConfig {
    /** The defaults, also for {@link BuildSlotLimits#DEFAULT}. */
    String DEFAULT_PER_USER = "2";

    String DEFAULT_RECHECK_FIRST = "2s";
    String DEFAULT_RECHECK_MAX = "30s";

    /** Builds one user may run at once, across all their projects and services; at least 1. */
    @WithDefault(DEFAULT_PER_USER)
    int perUser();

    /** How long a waiting deployment waits after its first refusal before it asks again. */
    @WithDefault(DEFAULT_RECHECK_FIRST)
    Duration recheckFirst();

    /**
     * The longest wait between two asks: the wait doubles after each refusal up to this, so a freed
     * slot is taken at most this long after it frees.
     */
    @WithDefault(DEFAULT_RECHECK_MAX)
    Duration recheckMax();
}
