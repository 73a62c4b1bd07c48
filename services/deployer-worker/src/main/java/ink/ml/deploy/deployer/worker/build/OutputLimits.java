package ink.ml.deploy.deployer.worker.build;

import java.time.Duration;

/** See {@link BuildConfig.Output}. */
public record OutputLimits(
        Duration flushInterval, int maxLinesPerBatch, int maxLineLength, int maxLines) {

    public static OutputLimits of(BuildConfig.Output config) {
        return new OutputLimits(
                config.flushInterval(),
                config.maxLinesPerBatch(),
                config.maxLineLength(),
                config.maxLines());
    }

    BuildOutputBuffer newBuffer() {
        return new BuildOutputBuffer(maxLinesPerBatch, maxLineLength, maxLines);
    }
}
