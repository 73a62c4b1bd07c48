package ink.ml.deploy.observability.logs;

/** Which of the app's output streams a line was written to. */
public enum LogStream {
    STDOUT,
    STDERR
}
