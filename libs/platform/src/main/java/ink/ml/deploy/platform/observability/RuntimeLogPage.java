package ink.ml.deploy.platform.observability;

import ink.ml.deploy.observability.logs.LogLine;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A page of a service's runtime lines, oldest first and the newest last, as a terminal shows them.
 *
 * @param olderCursor present when older matching lines exist in the window: pass it as the next
 *     request's {@code after} to read them
 * @param since the window that was read, with the defaults applied
 * @param until the window's end (exclusive)
 */
public record RuntimeLogPage(
        List<LogLine> lines, Optional<String> olderCursor, Instant since, Instant until) {
    public RuntimeLogPage {
        lines = List.copyOf(lines);
        Objects.requireNonNull(olderCursor, "olderCursor");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
    }

    public boolean hasOlder() {
        return olderCursor.isPresent();
    }

    /**
     * The cursor that reads the lines of this page's window older than {@code line}: what a
     * connection's edge carries.
     */
    public String cursorOlderThan(LogLine line) {
        return new LogCursor(line.timestamp(), since).encode();
    }
}
