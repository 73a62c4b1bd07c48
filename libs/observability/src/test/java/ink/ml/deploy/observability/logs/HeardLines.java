package ink.ml.deploy.observability.logs;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A tail's listener for the sources' tests: every line and failure it heard, in order. */
final class HeardLines implements LogTail.Listener {
    final List<LogLine> lines = new CopyOnWriteArrayList<>();
    final List<RuntimeException> failures = new CopyOnWriteArrayList<>();

    @Override
    public void onLine(LogLine line) {
        lines.add(line);
    }

    @Override
    public void onError(RuntimeException failure) {
        failures.add(failure);
    }

    List<String> texts() {
        return lines.stream().map(LogLine::text).toList();
    }
}
