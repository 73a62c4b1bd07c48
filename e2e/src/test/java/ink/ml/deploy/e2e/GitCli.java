package ink.ml.deploy.e2e;

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
 * The stock {@code git} client in one working copy, as a user runs it. A push token reaches git
 * through a credential helper that reads it from the git process's environment, so it is never on a
 * command line, in a config file or in this class's errors.
 */
final class GitCli {
    private static final long TIMEOUT_SECONDS = 120;
    private static final String TOKEN_VARIABLE = "E2E_GIT_TOKEN";

    private final Path workTree;
    private final Path home;

    private GitCli(Path workTree, Path home) {
        this.workTree = workTree;
        this.home = home;
    }

    /** {@code git init -b main} in a new directory; no system or user configuration is read. */
    static GitCli init(Path workTree) {
        try {
            Files.createDirectories(workTree);
            Path home =
                    Files.createDirectories(
                            workTree.resolveSibling(workTree.getFileName() + "-home"));
            GitCli git = new GitCli(workTree, home);
            git.run(null, "init", "-q", "-b", "main");
            return git;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path workTree() {
        return workTree;
    }

    /** Writes a file (executable when asked) for the next commit. */
    GitCli write(String file, byte[] content, boolean executable) {
        Path path = workTree.resolve(file);
        try {
            Files.createDirectories(path.getParent());
            Files.write(path, content);
            if (!path.toFile().setExecutable(executable, false)) {
                throw new IOException("cannot set the executable bit of " + path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    GitCli write(String file, String content) {
        return write(file, content.getBytes(StandardCharsets.UTF_8), false);
    }

    /** {@code git add -A && git commit}; returns the new commit's sha. */
    String commit(String message) {
        run(null, "add", "-A");
        run(
                null,
                "-c",
                "user.name=E2E Test",
                "-c",
                "user.email=e2e@example.invalid",
                "commit",
                "-q",
                "-m",
                message);
        return run(null, "rev-parse", "HEAD").strip();
    }

    /**
     * {@code git push <remoteUrl> main}, with {@code token} as the HTTP password when given.
     *
     * @param remoteUrl a URL without credentials
     */
    void push(String remoteUrl, String token) {
        run(token, "push", "-q", remoteUrl, "refs/heads/main:refs/heads/main");
    }

    /** Runs git; fails with its output (which never holds the token) when it exits non-zero. */
    private String run(String token, String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        if (token != null) {
            // An empty helper first clears any inherited one; the shell function reads the token
            // from the environment when git asks for credentials.
            command.addAll(
                    List.of(
                            "-c",
                            "credential.helper=",
                            "-c",
                            "credential.helper=!f() { echo username=e2e; echo \"password=$"
                                    + TOKEN_VARIABLE
                                    + "\"; }; f"));
        }
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(workTree.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("HOME", home.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.remove("GIT_ASKPASS");
        env.remove("SSH_ASKPASS");
        if (token != null) {
            env.put(TOKEN_VARIABLE, token);
        }
        try {
            Process process = builder.start();
            String output =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "git " + args[0] + " took longer than " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                String shown = token == null ? output : output.replace(token, "<token>");
                throw new IllegalStateException(
                        "git "
                                + String.join(" ", args).replace(String.valueOf(token), "<token>")
                                + " exited "
                                + process.exitValue()
                                + ": "
                                + shown);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run git", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while git ran", e);
        }
    }
}
