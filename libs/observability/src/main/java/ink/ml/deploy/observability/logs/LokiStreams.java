package ink.ml.deploy.observability.logs;

import com.fasterxml.jackson.databind.JsonNode;
import ink.ml.deploy.domain.DeploymentId;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads Loki's streams, the shape both {@code query_range} ({@code data.result}) and the tail's
 * frames ({@code streams}) use: {@code [{"stream": {labels}, "values": [["<ns>", "<line>"], …]}]}.
 */
final class LokiStreams {
    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);

    private LokiStreams() {}

    /**
     * The lines of every stream, in the order Loki sent them.
     *
     * @throws IllegalArgumentException when the JSON is not in that shape
     */
    static List<LogLine> lines(JsonNode streams) {
        if (streams == null || streams.isNull()) {
            return List.of();
        }
        if (!streams.isArray()) {
            throw new IllegalArgumentException("streams are not an array");
        }
        List<LogLine> lines = new ArrayList<>();
        for (JsonNode stream : streams) {
            JsonNode labels = stream.path("stream");
            LogStream output =
                    "stderr".equals(labels.path(LokiLabels.STREAM).asText())
                            ? LogStream.STDERR
                            : LogStream.STDOUT;
            Optional<DeploymentId> deployment =
                    deployment(labels.path(LokiLabels.DEPLOYMENT_ID).asText(""));
            JsonNode values = stream.path("values");
            if (!values.isArray()) {
                throw new IllegalArgumentException("a stream has no values array");
            }
            for (JsonNode value : values) {
                if (!value.isArray() || value.size() < 2 || !value.get(1).isTextual()) {
                    throw new IllegalArgumentException("a value is not [\"<ns>\", \"<line>\"]");
                }
                lines.add(
                        new LogLine(
                                instant(value.get(0).asText()),
                                output,
                                value.get(1).asText(),
                                deployment));
            }
        }
        return lines;
    }

    /** A nanosecond Unix epoch, as Loki writes timestamps (a string: it exceeds 2^53). */
    static Instant instant(String nanos) {
        try {
            BigInteger[] parts = new BigInteger(nanos).divideAndRemainder(NANOS_PER_SECOND);
            return Instant.ofEpochSecond(parts[0].longValueExact(), parts[1].longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("a timestamp is not nanoseconds: " + nanos, e);
        }
    }

    /** {@code instant} as a nanosecond Unix epoch. */
    static String nanos(Instant instant) {
        return BigInteger.valueOf(instant.getEpochSecond())
                .multiply(NANOS_PER_SECOND)
                .add(BigInteger.valueOf(instant.getNano()))
                .toString();
    }

    private static Optional<DeploymentId> deployment(String value) {
        try {
            return value.isEmpty() ? Optional.empty() : Optional.of(DeploymentId.of(value));
        } catch (RuntimeException notAnId) {
            return Optional.empty();
        }
    }
}
