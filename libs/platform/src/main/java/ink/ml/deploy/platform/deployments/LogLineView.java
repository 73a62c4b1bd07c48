package ink.ml.deploy.platform.deployments;

import java.time.Instant;

/** One line of build output; pass the last {@code lineNo} seen to follow the build. */
public record LogLineView(int lineNo, String line, Instant createdAt) {
    static LogLineView of(BuildLogLine line) {
        return new LogLineView(line.lineNo, line.line, line.createdAt);
    }
}
