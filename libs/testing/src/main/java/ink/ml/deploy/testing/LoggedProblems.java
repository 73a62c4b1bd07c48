package ink.ml.deploy.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The warnings and errors the application logs while open (the @QuarkusTest app runs in the test's
 * JVM, so its log records pass through the root logger here).
 */
public final class LoggedProblems implements AutoCloseable {
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler =
            new Handler() {
                @Override
                public void publish(LogRecord record) {
                    if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                        records.add(record);
                    }
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
            };

    private LoggedProblems() {
        Logger.getLogger("").addHandler(handler);
    }

    public static LoggedProblems capture() {
        return new LoggedProblems();
    }

    /** Messages of the records logged with an exception, i.e. with a stack trace. */
    public List<String> withStackTraces() {
        return records.stream()
                .filter(r -> r.getThrown() != null)
                .map(r -> r.getLoggerName() + ": " + r.getMessage())
                .toList();
    }

    /** Messages of the records logged at ERROR (SEVERE). */
    public List<String> errors() {
        return records.stream()
                .filter(r -> r.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(r -> r.getLoggerName() + ": " + r.getMessage())
                .toList();
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
    }
}
