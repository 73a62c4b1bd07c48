package ink.ml.deploy.observability.logs;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import ink.ml.deploy.domain.DeploymentId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the Docker engine's log frames, asked for with {@code timestamps=true}: each line starts
 * with its RFC 3339 time (nanoseconds) and a space; the frame's header says stdout or stderr.
 */
final class DockerLogFrames {
    private DockerLogFrames() {}

    /**
     * The lines of one frame (usually one); a piece without a readable time takes the previous
     * line's, or is dropped when it is the first.
     */
    static List<LogLine> lines(Frame frame, Optional<DeploymentId> deployment) {
        LogStream stream =
                frame.getStreamType() == StreamType.STDERR ? LogStream.STDERR : LogStream.STDOUT;
        String payload = new String(frame.getPayload(), StandardCharsets.UTF_8);
        List<LogLine> lines = new ArrayList<>();
        Instant previous = null;
        for (String piece : payload.split("\n", -1)) {
            if (piece.isEmpty()) {
                continue;
            }
            int space = piece.indexOf(' ');
            Instant timestamp = space > 0 ? timestamp(piece.substring(0, space)) : null;
            String text = timestamp != null ? piece.substring(space + 1) : piece;
            if (timestamp == null && space < 0) {
                // "2026-…Z" alone: an empty line the app wrote.
                timestamp = timestamp(piece);
                text = timestamp != null ? "" : piece;
            }
            timestamp = timestamp != null ? timestamp : previous;
            if (timestamp == null) {
                continue;
            }
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            lines.add(new LogLine(timestamp, stream, text, deployment));
            previous = timestamp;
        }
        return lines;
    }

    private static Instant timestamp(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notATime) {
            return null;
        }
    }
}
