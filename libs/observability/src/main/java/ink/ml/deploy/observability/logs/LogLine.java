package ink.ml.deploy.observability.logs;

import ink.ml.deploy.domain.DeploymentId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One line a running app wrote.
 *
 * @param timestamp when the engine or the log agent received it (nanosecond precision where the
 *     source has it)
 * @param text the line without its trailing newline, exactly as written (render it as text)
 * @param deployment the deployment whose container wrote it, when the source knows
 */
public record LogLine(
        Instant timestamp, LogStream stream, String text, Optional<DeploymentId> deployment) {
    public LogLine {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(deployment, "deployment");
    }
}
