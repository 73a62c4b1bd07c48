package ink.ml.deploy.graphql.api.logs;

import org.eclipse.microprofile.graphql.Description;

/**
 * The schema's copy of libs/observability's {@code LogStream} (same constants), so that the schema
 * is declared in this module.
 */
@Description("Which of the app's output streams a line was written to.")
public enum LogStream {
    STDOUT,
    STDERR;

    static LogStream of(ink.ml.deploy.observability.logs.LogStream stream) {
        return valueOf(stream.name());
    }
}
