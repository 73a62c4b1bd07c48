package ink.ml.deploy.it;

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
 * in the environment, as the services' application.properties expect), output to a log file that
 * the test prints when something goes wrong.
 */
final class ServiceProcess implements AutoCloseable {
    /** Quarkus logs this once the application has started (all extensions, Temporal workers). */
    private static final String STARTED = " started in ";

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final String name;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * The service's runnable jar under {@code ../services/<module>/target}; fails, naming the build
     * command, when it has not been packaged.
     */
    static Path runnableJar(String module) {
        Path jar =
                Path.of("..", "services", module, "target", "quarkus-app", "quarkus-run.jar")
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

    static ServiceProcess start(
            String name,
            Path jar,
            List<String> jvmOptions,
            Map<String, String> systemProperties,
            Map<String, String> environment,
            Path logDirectory) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
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

    /** Waits for Quarkus' "started in" line; fails with the log when the process dies first. */
    void awaitStarted(Duration timeout) {
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

    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** The last {@code chars} characters of the log. */
    String tail(int chars) {
        String text = log();
        return text.length() > chars ? "…" + text.substring(text.length() - chars) : text;
    }

    /** SIGTERM (Quarkus shuts down gracefully), then SIGKILL after a grace period. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
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
