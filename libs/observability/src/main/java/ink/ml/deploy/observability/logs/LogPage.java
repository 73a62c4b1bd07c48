package ink.ml.deploy.observability.logs;

import java.util.List;

/**
 * The answer to a {@link LogQuery}: the newest matching lines, oldest first (the newest last, as a
 * terminal shows them).
 *
 * @param truncated whether older matching lines exist in the window that the limit cut; read them
 *     with a query whose {@code until} is the first line's timestamp
 */
public record LogPage(List<LogLine> lines, boolean truncated) {
    public LogPage {
        lines = List.copyOf(lines);
    }
}
