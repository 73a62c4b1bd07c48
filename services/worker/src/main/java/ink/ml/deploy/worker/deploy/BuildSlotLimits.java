package ink.ml.deploy.worker.deploy;

import java.time.Duration;
import java.util.Locale;

/**
 * The build slot settings as values: how many builds a user may run at once, and how long a
 * deployment refused a slot waits before it asks again (doubling from the first wait up to the
 * longest).
 */
public record BuildSlotLimits(int perUser, Duration recheckFirst, Duration recheckMax) {
    /** The defaults of {@link BuildSlotsConfig}, for code that wires the activities by hand. */
    public static final BuildSlotLimits DEFAULT =
            new BuildSlotLimits(
                    Integer.parseInt(BuildSlotsConfig.DEFAULT_PER_USER),
                    duration(BuildSlotsConfig.DEFAULT_RECHECK_FIRST),
                    duration(BuildSlotsConfig.DEFAULT_RECHECK_MAX));

    public BuildSlotLimits {
        if (perUser < 1) {
            throw new IllegalArgumentException("mcpdeploy.builds.per-user must be at least 1");
        }
        if (recheckFirst.isNegative() || recheckFirst.isZero()) {
            throw new IllegalArgumentException("mcpdeploy.builds.recheck-first must be positive");
        }
        if (recheckMax.compareTo(recheckFirst) < 0) {
            throw new IllegalArgumentException(
                    "mcpdeploy.builds.recheck-max must be at least recheck-first");
        }
    }

    public static BuildSlotLimits of(BuildSlotsConfig config) {
        return new BuildSlotLimits(config.perUser(), config.recheckFirst(), config.recheckMax());
    }

    /** How long to wait after the {@code attempt}-th refusal (0 the first). */
    public Duration recheckAfter(int attempt) {
        Duration wait = recheckFirst.multipliedBy(1L << Math.min(Math.max(attempt, 0), 20));
        return wait.compareTo(recheckMax) > 0 ? recheckMax : wait;
    }

    /** {@code 2s} as config writes it. */
    private static Duration duration(String value) {
        return Duration.parse("PT" + value.toUpperCase(Locale.ROOT));
    }
}
