package ink.ml.deploy.mcp.tools;

import ink.ml.deploy.observability.logs.LogLine;
import ink.ml.deploy.platform.deployments.LogLineView;
import java.util.Locale;

/**
 * One log line as a model reads it, {@code timestamp stream text}, cut to {@link #MAX_CHARS}
 * characters so that one minified bundle or stack dump cannot fill a model's context.
 */
final class LogLineText {
    /** The longest text a line shows; the rest is replaced by a marker that says how much. */
    static final int MAX_CHARS = 500;

    private LogLineText() {}

    /** {@code 2026-01-31T12:00:00.123Z stderr Error: …}. */
    static String runtime(LogLine line) {
        return line.timestamp()
                + " "
                + line.stream().name().toLowerCase(Locale.ROOT)
                + " "
                + cut(line.text());
    }

    /** {@code 2026-01-31T12:00:00Z #42 RUN npm ci}: build output is numbered, for beforeLine. */
    static String build(LogLineView line) {
        return line.createdAt() + " #" + line.lineNo() + " " + cut(line.line());
    }

    static boolean isCut(String text) {
        return text.length() > MAX_CHARS;
    }

    private static String cut(String text) {
        if (!isCut(text)) {
            return text;
        }
        return text.substring(0, MAX_CHARS)
                + "… ["
                + (text.length() - MAX_CHARS)
                + " more chars cut]";
    }
}
