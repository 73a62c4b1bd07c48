package ink.ml.deploy.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One run of a command-line tool (ansible-playbook, ansible-lint, yamllint, nft), its output kept
 * whole so that a failing check shows what the tool said.
 */
record ToolRun(List<String> command, int exitCode, String output) {

    /**
     * Runs {@code command} in {@code directory} with {@code environment} added, up to {@code
     * limit}.
     */
    static ToolRun run(
            Path directory, Map<String, String> environment, Duration limit, String... command) {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Path log = Files.createTempFile("deploy-checks-", ".log");
            try {
                Process process = builder.redirectOutput(log.toFile()).start();
                if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new IllegalStateException(
                            String.join(" ", command)
                                    + " did not finish within "
                                    + limit
                                    + ":\n"
                                    + Files.readString(log, StandardCharsets.UTF_8));
                }
                return new ToolRun(
                        List.of(command),
                        process.exitValue(),
                        Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Why {@code executable} cannot run here (not on the PATH), or empty when it can. */
    static Optional<String> unavailableReason(String executable, String debianPackage) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(":")) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, executable))) {
                return Optional.empty();
            }
        }
        return Optional.of(
                executable
                        + " is not on the PATH (Debian package "
                        + debianPackage
                        + "): ./run-tests installs it through scripts/host-packages");
    }

    /** The command, exit code and output, for a failure message. */
    String describe() {
        return String.join(" ", command) + " exited " + exitCode + ":\n" + output;
    }
}
