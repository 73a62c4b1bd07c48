package ink.ml.deploy.workflow.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * {@value PlatformMeters#DEPLOY_STEP_DURATION}: how long the deployer-worker's steps take, tagged
 * {@code step} and {@code outcome} ({@code succeeded} or {@code failed}, a cancellation included).
 * With a histogram, so that a dashboard can show percentiles across instances.
 */
public final class DeployStepMeter {
    /** The timed steps. */
    public enum Step {
        /** Building the image (a local Docker engine's BuildKit). */
        BUILD,
        /** Pushing the built image to the registry (a local Docker engine). */
        PUSH,
        /**
         * BuildKit's one command that builds and pushes (production): the two cannot be told apart.
         */
        BUILD_AND_PUSH,
        /** From the workload applied to its new pods serving, or the rollout giving up. */
        ROLLOUT
    }

    private static final Duration SHORTEST = Duration.ofMillis(100);
    private static final Duration LONGEST = Duration.ofMinutes(30);

    private final MeterRegistry registry;

    public DeployStepMeter(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(Step step, boolean succeeded, Duration took) {
        Timer.builder(PlatformMeters.DEPLOY_STEP_DURATION)
                .tag("step", PlatformMeters.tag(step))
                .tag("outcome", succeeded ? "succeeded" : "failed")
                .publishPercentileHistogram()
                .minimumExpectedValue(SHORTEST)
                .maximumExpectedValue(LONGEST)
                .register(registry)
                .record(took);
    }

    /** Records the time since {@code startNanos}, a {@link System#nanoTime()} reading. */
    public void recordSince(Step step, boolean succeeded, long startNanos) {
        record(step, succeeded, Duration.ofNanos(System.nanoTime() - startNanos));
    }
}
