package ink.ml.deploy.deployer.worker.build;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.workflow.deploy.BuildOutput;
import org.junit.jupiter.api.Test;

class BuildOutputBufferTest {

    @Test
    void batchesAreNumberedConsecutivelyFromOne() {
        BuildOutputBuffer buffer = new BuildOutputBuffer(2, 100, 100);
        buffer.add("a");
        buffer.add("b");
        buffer.add("c");

        BuildOutput first = buffer.nextBatch().orElseThrow();
        buffer.delivered(first);
        BuildOutput second = buffer.nextBatch().orElseThrow();
        buffer.delivered(second);

        assertThat(first).isEqualTo(new BuildOutput(1, java.util.List.of("a", "b")));
        assertThat(second).isEqualTo(new BuildOutput(3, java.util.List.of("c")));
        assertThat(buffer.nextBatch()).isEmpty();
    }

    @Test
    void undeliveredBatchIsOfferedAgainWithTheSameNumbers() {
        BuildOutputBuffer buffer = new BuildOutputBuffer(10, 100, 100);
        buffer.add("a");
        BuildOutput attempt = buffer.nextBatch().orElseThrow();
        buffer.add("b");

        BuildOutput retry = buffer.nextBatch().orElseThrow();

        assertThat(retry.firstLineNo()).isEqualTo(attempt.firstLineNo());
        assertThat(retry.lines()).containsExactly("a", "b");
    }

    @Test
    void cutsLongLinesAndCapsTheOutputWithANotice() {
        BuildOutputBuffer buffer = new BuildOutputBuffer(10, 5, 2);
        buffer.add("0123456789");
        buffer.add("b");
        buffer.add("c");
        buffer.add("d");

        assertThat(buffer.nextBatch().orElseThrow().lines())
                .containsExactly("01234…", "b", "… build output truncated after 2 lines");
        assertThat(buffer.linesSeen()).isEqualTo(2);
    }

    @Test
    void theLastBatchCanBeTakenToTravelWithTheResult() {
        BuildOutputBuffer buffer = new BuildOutputBuffer(2, 100, 100);
        buffer.add("a");
        buffer.add("b");
        buffer.add("c");
        assertThat(buffer.hasMoreThanOneBatch()).isTrue();
        buffer.delivered(buffer.nextBatch().orElseThrow());
        assertThat(buffer.hasMoreThanOneBatch()).isFalse();

        BuildOutput last = buffer.takeBatch().orElseThrow();

        assertThat(last).isEqualTo(new BuildOutput(3, java.util.List.of("c")));
        assertThat(buffer.takeBatch()).isEmpty();
    }
}
