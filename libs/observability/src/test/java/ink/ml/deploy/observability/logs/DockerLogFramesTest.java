package ink.ml.deploy.observability.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import ink.ml.deploy.domain.DeploymentId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DockerLogFramesTest {
    private static final Optional<DeploymentId> D1 = Optional.of(DeploymentId.of("d1"));

    @Test
    void readsTheTimeTheStreamAndTheText() {
        assertThat(
                        DockerLogFrames.lines(
                                frame(
                                        StreamType.STDERR,
                                        "2026-12-06T10:00:00.123456789Z oops: a b\n"),
                                D1))
                .containsExactly(
                        new LogLine(
                                Instant.parse("2026-12-06T10:00:00.123456789Z"),
                                LogStream.STDERR,
                                "oops: a b",
                                D1));
    }

    @Test
    void readsTimesWithFewerDigitsAndEmptyLines() {
        assertThat(
                        DockerLogFrames.lines(
                                frame(
                                        StreamType.STDOUT,
                                        "2026-12-06T10:00:00.5Z first\n2026-12-06T10:00:01Z \n"),
                                Optional.empty()))
                .extracting(LogLine::timestamp, LogLine::text)
                .containsExactly(
                        tuple(Instant.parse("2026-12-06T10:00:00.500Z"), "first"),
                        tuple(Instant.parse("2026-12-06T10:00:01Z"), ""));
    }

    @Test
    void aTtyContainersRawFramesAreStdout() {
        assertThat(
                        DockerLogFrames.lines(
                                frame(StreamType.RAW, "2026-12-06T10:00:00Z hi\r\n"),
                                Optional.empty()))
                .extracting(LogLine::stream, LogLine::text)
                .containsExactly(tuple(LogStream.STDOUT, "hi"));
    }

    private static Frame frame(StreamType type, String payload) {
        return new Frame(type, payload.getBytes(StandardCharsets.UTF_8));
    }
}
