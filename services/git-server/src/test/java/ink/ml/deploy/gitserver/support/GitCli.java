package ink.ml.deploy.gitserver.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The stock {@code git} command line, isolated from the machine's config and credential helpers
 * (own HOME, no system config, never prompts), as a user would run it against the git-server.
 */
public final class GitCli {
    private final Path home;

    public GitCli() {
        try {
            home = Files.createTempDirectory("git-cli-home");
            Files.writeString(
                    home.resolve(".gitconfig"),
                    "[user]\n\tname = Test Pusher\n\temail = pusher@example.com\n"
                            + "[init]\n\tdefaultBranch = main\n"
                            + "[protocol]\n\tversion = 2\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The outcome of one git command: exit code and everything it printed. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** A new working directory with one commit on {@code main}. */
    public Path newWorkTree(String fileName, String content) {
        try {
            Path dir = Files.createTempDirectory(home, "work");
            require(run(dir, "init", "-q"));
            Files.writeString(dir.resolve(fileName), content);
            require(run(dir, "add", "-A"));
            require(run(dir, "commit", "-q", "-m", "add " + fileName));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commits a new file in {@code dir}. */
    public void commit(Path dir, String fileName, String content) {
        try {
            Files.writeString(dir.resolve(fileName), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        require(run(dir, "add", "-A"));
        require(run(dir, "commit", "-q", "-m", "add " + fileName));
    }

    public String head(Path dir, String rev) {
        return require(run(dir, "rev-parse", rev)).output().trim();
    }

    public Path newDirectory() {
        try {
            return Files.createTempDirectory(home, "clone");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Result run(Path dir, String... args) {
        return run(dir, Map.of(), args);
    }

    /** {@link #run(Path, String...)} with extra environment, e.g. {@code GIT_TRACE_PACKET=1}. */
    public Result run(Path dir, Map<String, String> extraEnv, String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("GIT_"));
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("GIT_ASKPASS", "");
        env.put("LC_ALL", "C");
        env.putAll(extraEnv);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("git " + String.join(" ", args) + " hung");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Result require(Result result) {
        if (!result.ok()) {
            throw new IllegalStateException("git failed: " + result.output());
        }
        return result;
    }
}
