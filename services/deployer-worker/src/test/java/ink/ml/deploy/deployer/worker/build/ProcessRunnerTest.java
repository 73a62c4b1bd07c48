package ink.ml.deploy.deployer.worker.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {
    @TempDir Path workDir;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Test
    void streamsStdoutAndStderrLineByLineAndKeepsTheTail() throws Exception {
        ProcessOutcome outcome =
                run(
                        "for i in $(seq 1 30); do echo out $i; done; echo err >&2; exit 3",
                        Duration.ofMinutes(1),
                        new Cancellation());

        assertThat(outcome.exitCode()).isEqualTo(3);
        assertThat(outcome.succeeded()).isFalse();
        assertThat(lines).hasSize(31).startsWith("out 1").endsWith("err");
        assertThat(outcome.tail()).hasSize(ProcessRunner.TAIL_LINES).endsWith("out 30", "err");
    }

    @Test
    void passesTheEnvironment() throws Exception {
        ProcessRunner.run(
                List.of("sh", "-c", "echo $DOCKER_BUILDKIT"),
                Map.of("DOCKER_BUILDKIT", "1"),
                workDir,
                Duration.ofMinutes(1),
                lines::add,
                new Cancellation());

        assertThat(lines).containsExactly("1");
    }

    @Test
    void cancellationKillsTheWholeProcessTree() {
        Cancellation cancellation = new Cancellation();
        CompletableFuture<ProcessOutcome> running =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return run(
                                        "sleep 300 & echo child $!; wait",
                                        Duration.ofMinutes(5),
                                        cancellation);
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        });
        await().atMost(Duration.ofSeconds(20)).until(() -> !lines.isEmpty());
        long child = Long.parseLong(lines.get(0).substring("child ".length()));

        cancellation.cancel();

        assertThatThrownBy(running::join).hasCauseInstanceOf(CancellationException.class);
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false),
                        alive -> !alive);
    }

    @Test
    void processPastItsTimeLimitIsStoppedAndReportedAsTimedOut() throws Exception {
        ProcessOutcome outcome =
                run("echo started; sleep 300", Duration.ofSeconds(2), new Cancellation());

        assertThat(outcome.timedOut()).isTrue();
        assertThat(outcome.succeeded()).isFalse();
        // The shell may also report its killed child ("Terminated"), depending on timing.
        assertThat(outcome.tail()).first().isEqualTo("started");
    }

    private ProcessOutcome run(String script, Duration timeout, Cancellation cancellation)
            throws InterruptedException {
        return ProcessRunner.run(
                List.of("sh", "-c", script), Map.of(), workDir, timeout, lines::add, cancellation);
    }
}
