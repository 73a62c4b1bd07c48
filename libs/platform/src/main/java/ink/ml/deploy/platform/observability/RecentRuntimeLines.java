package ink.ml.deploy.platform.observability;

import ink.ml.deploy.observability.logs.LogLine;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The last lines a deployment's app wrote, to explain a crash or failure next to the service's
 * status. When the log source cannot answer, there are no lines and {@code unavailable} says why:
 * the status is still shown.
 *
 * @param unavailable e.g. {@code logs unavailable: Loki is unavailable: timed out after 5 s}
 */
public record RecentRuntimeLines(List<LogLine> lines, Optional<String> unavailable) {
    public RecentRuntimeLines {
        lines = List.copyOf(lines);
        Objects.requireNonNull(unavailable, "unavailable");
    }

    static RecentRuntimeLines of(List<LogLine> lines) {
        return new RecentRuntimeLines(lines, Optional.empty());
    }

    static RecentRuntimeLines unavailable(String why) {
        return new RecentRuntimeLines(List.of(), Optional.of("logs unavailable: " + why));
    }
}
