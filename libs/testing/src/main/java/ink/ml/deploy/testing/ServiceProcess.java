package ink.ml.deploy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged Quarkus service ({@code target/quarkus-app/quarkus-run.jar}) run as a separate JVM,
 * as in production: configuration through system properties and environment variables (secrets only
 * in the environment, as the services' application.properties expect: the command line is visible
 * to every local user in {@code ps}), output to a log file that the integration tests and the local
 * platform print when something goes wrong.
 */
public final class ServiceProcess implements AutoCloseable {
    /** Quarkus logs this once the application has started (all extensions, Temporal workers). */
    private static final String STARTED = " started in ";

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final String name;
    private final Process process;
    private final Path log;

    /** Set before a SIGKILL is sent from here. */
    private volatile boolean forced;

    private ServiceProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * The service's runnable jar under {@code ../services/<module>/target}; fails, naming the build
     * command, when it has not been packaged.
     */
    public static Path runnableJar(String module) {
        return runnableJar(Path.of(".."), module);
    }

    /**
     * The service's runnable jar under {@code <repositoryRoot>/services/<module>/target}; fails,
     * naming the build command, when it has not been packaged.
     */
    public static Path runnableJar(Path repositoryRoot, String module) {
        Path jar =
                repositoryRoot
                        .resolve(Path.of("services", module, "target", "quarkus-app"))
                        .resolve("quarkus-run.jar")
                        .toAbsolutePath()
                        .normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar
                            + " is missing: package the services first, e.g. `mvn -B -pl"
                            + " integration-tests -am install -DskipTests`");
        }
        return jar;
    }

    public static ServiceProcess start(
            String name,
            Path jar,
            List<String> jvmOptions,
            Map<String, String> systemProperties,
            Map<String, String> environment,
            Path logDirectory) {
        List<String> command = command(jar, jvmOptions, systemProperties);
        Path log = logDirectory.resolve(name + ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(logDirectory.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        try {
            return new ServiceProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /**
     * The command line {@link #start} runs: this JVM's {@code java}, the options, one {@code -D}
     * per property, {@code -jar <jar>}. Everything in it is visible to other local users: no
     * secrets.
     */
    public static List<String> command(
            Path jar, List<String> jvmOptions, Map<String, String> systemProperties) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    /** Waits for Quarkus' "started in" line; fails with the log when the process dies first. */
    public void awaitStarted(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (log().contains(STARTED)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited (" + process.exitValue() + ") at start:\n" + log());
            }
            pause();
        }
        throw new IllegalStateException(
                name + " did not start within " + timeout + ":\n" + tail(8000));
    }

    /** The operating system's process id, e.g. to check that nothing is left running. */
    public long pid() {
        return process.pid();
    }

    /** Where the service's output goes. */
    public Path logFile() {
        return log;
    }

    public String name() {
        return name;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Ended, and not by a SIGKILL from here ({@link #kill}, or {@link #close} after the grace
     * period): the JVM ran its exit, and what it writes then (a class cache) is whole.
     */
    public boolean stoppedByItself() {
        return !process.isAlive() && !forced;
    }

    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** The last {@code chars} characters of the log. */
    public String tail(int chars) {
        String text = log();
        return text.length() > chars ? "…" + text.substring(text.length() - chars) : text;
    }

    /**
     * SIGKILL, as a crash or an out-of-memory kill would end it: no shutdown hook runs, in-flight
     * work is abandoned where it stands. Returns once the process is gone; its children (a build
     * client, a git command) are not killed with it.
     */
    public void kill() {
        forced = true;
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + name, e);
        }
    }

    /** SIGTERM (Quarkus shuts down gracefully), then SIGKILL after a grace period. */
    @Override
    public void close() {
        close(STOP_TIMEOUT);
    }

    /**
     * SIGTERM, then SIGKILL after {@code grace}: longer than {@link #close()}'s for a JVM that has
     * work to do at exit (writing a class cache).
     */
    public void close(Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                forced = true;
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
