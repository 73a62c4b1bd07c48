package ink.ml.deploy.deployer.worker.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One git process in a checkout directory, watched by the clone's {@link CloneMonitor}: when the
 * monitor says stop (cancelled, too slow, too large) the process and its helpers ({@code
 * git-remote-https}, {@code upload-pack}) are killed. Its output is kept (the end of it, bounded)
 * for the failure message.
 */
final class GitCommand {
    private static final long POLL_MILLIS = 50;
    private static final int MAX_OUTPUT_CHARS = 4000;
    private static final long UNMONITORED_TIMEOUT_SECONDS = 30;
    private static final Set<String> TRUST_SETTINGS = Set.of("GIT_SSL_CAINFO", "GIT_SSL_CAPATH");

    private final Path gitBinary;
    private final Path directory;
    private final RemoteRepository remote;
    private final CloneMonitor monitor;

    GitCommand(Path gitBinary, Path directory, RemoteRepository remote, CloneMonitor monitor) {
        this.gitBinary = gitBinary;
        this.directory = directory;
        this.remote = remote;
        this.monitor = monitor;
    }

    /**
     * @param exitCode meaningless when {@code stop} is set
     * @param stop why the monitor stopped the process, or null when it ran to its end
     * @param output stdout and stderr merged, at most the last few thousand characters
     */
    record Result(int exitCode, CloneStop stop, String output) {}

    String url() {
        return remote.url();
    }

    Result run(String... arguments) throws InterruptedException {
        Process process = start(arguments);
        OutputCollector output = OutputCollector.start(process);
        try {
            while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (monitor.isCancelled()) {
                    destroyTree(process);
                    return new Result(-1, monitor.stop(), output.await());
                }
            }
        } catch (InterruptedException e) {
            destroyTree(process);
            throw e;
        }
        // A cancellation that arrived while the process finished still counts.
        if (monitor.isCancelled()) {
            return new Result(-1, monitor.stop(), output.await());
        }
        return new Result(process.exitValue(), null, output.await());
    }

    /** A short question (ls-remote) outside the clone's budget, bounded on its own. */
    Result runUnmonitored(String... arguments) throws InterruptedException {
        Process process = start(arguments);
        OutputCollector output = OutputCollector.start(process);
        if (!process.waitFor(UNMONITORED_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            destroyTree(process);
            return new Result(-1, CloneStop.TIMED_OUT, output.await());
        }
        return new Result(process.exitValue(), null, output.await());
    }

    private Process start(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(gitBinary.toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(directory.toFile())
                        .redirectErrorStream(true)
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        environment(builder.environment(), remote);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + gitBinary, e);
        }
    }

    /**
     * The worker's environment without anything git would read from it (a {@code GIT_DIR}, an
     * askpass helper, tracing) but a private CA ({@code GIT_SSL_CAINFO}, {@code GIT_SSL_CAPATH}),
     * plus: no prompts, no system or user configuration, English messages, no automatic gc, the
     * pack kept as fetched, and the credentials as a header for this repository's URL only.
     */
    static void environment(Map<String, String> env, RemoteRepository remote) {
        // GIT_TRACE_CURL and friends would print the Authorization header into the output kept
        // for messages; only the operator's trust settings for private CAs pass through.
        env.keySet()
                .removeIf(
                        name ->
                                (name.startsWith("GIT_") && !TRUST_SETTINGS.contains(name))
                                        || name.endsWith("_ASKPASS"));
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("LC_ALL", "C");
        List<String[]> config = new ArrayList<>();
        config.add(new String[] {"gc.auto", "0"});
        config.add(new String[] {"maintenance.auto", "false"});
        config.add(new String[] {"advice.detachedHead", "false"});
        config.add(new String[] {"protocol.version", "2"});
        // Keep the fetched pack as it is, as git clone does: below the default limit (100 objects,
        // i.e. almost any shallow fetch of one commit) git would unpack it into loose objects and
        // deflate every blob again, a cost that grows with the repository (≈ 0.3 s for 8 MiB).
        config.add(new String[] {"fetch.unpackLimit", "1"});
        if (remote.credentials() != null) {
            config.add(
                    new String[] {
                        "http." + remote.url() + ".extraHeader",
                        remote.credentials().authorizationHeader()
                    });
        }
        env.put("GIT_CONFIG_COUNT", Integer.toString(config.size()));
        for (int i = 0; i < config.size(); i++) {
            env.put("GIT_CONFIG_KEY_" + i, config.get(i)[0]);
            env.put("GIT_CONFIG_VALUE_" + i, config.get(i)[1]);
        }
    }

    /** git fetch runs helpers (remote-https, index-pack, upload-pack): none may outlive it. */
    private static void destroyTree(Process process) {
        Stream.concat(process.descendants(), Stream.of(process.toHandle()))
                .forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads a process's output on its own thread, keeping the end of it. */
    private static final class OutputCollector {
        private final StringBuilder text = new StringBuilder();
        private final Thread thread;

        private OutputCollector(Process process) {
            this.thread = new Thread(() -> read(process.getInputStream()), "git-output");
            thread.setDaemon(true);
        }

        static OutputCollector start(Process process) {
            OutputCollector collector = new OutputCollector(process);
            collector.thread.start();
            return collector;
        }

        private void read(InputStream stream) {
            byte[] buffer = new byte[4096];
            try (stream) {
                int read;
                while ((read = stream.read(buffer)) >= 0) {
                    append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // The process was killed under us: what it printed so far is kept.
            }
        }

        private synchronized void append(String chunk) {
            text.append(chunk);
            if (text.length() > MAX_OUTPUT_CHARS) {
                text.delete(0, text.length() - MAX_OUTPUT_CHARS);
            }
        }

        String await() throws InterruptedException {
            thread.join(TimeUnit.SECONDS.toMillis(5));
            synchronized (this) {
                return text.toString().strip();
            }
        }
    }
}
