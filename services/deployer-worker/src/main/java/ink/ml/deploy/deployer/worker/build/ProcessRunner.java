package ink.ml.deploy.deployer.worker.build;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs a builder's command line (buildctl, docker) and streams its merged stdout and stderr line by
 * line as it comes. Cancellation and the time limit end the whole process tree: a builder client
 * that dies takes its build with it (BuildKit cancels the solve when the session closes), but its
 * helpers must not linger.
 */
public final class ProcessRunner {
    static final int TAIL_LINES = 20;
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(5);

    private ProcessRunner() {}

    /**
     * @throws CancellationException when {@code cancellation} fired while the process ran
     */
    public static ProcessOutcome run(
            List<String> command,
            Map<String, String> environment,
            Path workingDirectory,
            Duration timeout,
            Consumer<String> output,
            Cancellation cancellation)
            throws InterruptedException {
        if (cancellation.isCancelled()) {
            throw new CancellationException("cancelled before " + command.get(0) + " started");
        }
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(workingDirectory.toFile())
                        .redirectErrorStream(true)
                        .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
        OutputTail tail = new OutputTail(TAIL_LINES);
        Thread pump =
                new Thread(
                        () -> pump(process.getInputStream(), tail, output),
                        "builder-output-" + process.pid());
        pump.setDaemon(true);
        pump.start();
        boolean exited;
        try (Cancellation.Registration ignored =
                cancellation.onCancel(() -> destroyTree(process))) {
            exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                destroyTree(process);
                process.waitFor();
            }
        } catch (InterruptedException e) {
            destroyTree(process);
            throw e;
        }
        // A grandchild that kept the pipe open must not hold the build forever.
        pump.join(DRAIN_WAIT.toMillis());
        if (cancellation.isCancelled()) {
            throw new CancellationException(command.get(0) + " was stopped: build cancelled");
        }
        return new ProcessOutcome(exited ? process.exitValue() : -1, !exited, tail.lines());
    }

    private static void pump(InputStream stream, OutputTail tail, Consumer<String> output) {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                tail.add(line);
                output.accept(line);
            }
        } catch (IOException e) {
            // The process was killed under us; whatever it printed so far was delivered.
        }
    }

    /** SIGTERM to the process and every descendant, then SIGKILL to whatever is left. */
    static void destroyTree(Process process) {
        List<ProcessHandle> tree =
                Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (ProcessHandle handle : tree) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    handle.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (Exception e) {
                // Still alive after the grace period (or we were interrupted): forced below.
            }
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        }
    }

    private static File nullDevice() {
        return new File("/dev/null");
    }
}
