package ink.ml.deploy.deployer.worker.build;

/** Step durations for the build log: users see where a slow build spends its time. */
final class StepTimer {
    private StepTimer() {}

    /** Whole milliseconds since {@code startNanos}, a {@link System#nanoTime()} reading. */
    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
