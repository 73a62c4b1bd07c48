package ink.ml.deploy.observability.logs;

/**
 * A live follow of a service's lines, started by {@link RuntimeLogSource#tail}. Closing it stops
 * the follow and releases its connection; it is idempotent.
 */
public interface LogTail extends AutoCloseable {
    /** Receives the lines of a tail as they arrive, on the source's own thread. */
    interface Listener {
        void onLine(LogLine line);

        /**
         * The follow ended because the source failed ({@link
         * ink.ml.deploy.observability.ObservabilityUnavailableException}); no more lines follow.
         */
        void onError(RuntimeException failure);
    }

    @Override
    void close();
}
