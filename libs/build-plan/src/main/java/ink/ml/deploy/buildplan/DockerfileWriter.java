package ink.ml.deploy.buildplan;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a Dockerfile line by line. Every value that did not come from this library's templates (a
 * user's command, a path read from the repository) goes into an exec-form JSON array, so that
 * neither a quote, a backslash at the end of the line, a {@code $} nor a heredoc marker can change
 * the instruction; {@link ShellCommand} has refused newlines before.
 *
 * <p>No {@code # syntax=} line: the platform's Dockerfile policy refuses custom frontends, and the
 * engine's built-in frontend understands {@code RUN --mount} and {@code COPY --chown}.
 */
final class DockerfileWriter {
    /** The user images run as: a fixed id needs no {@code useradd} in the base image. */
    static final String APP_USER = "10001:10001";

    static final String APP_HOME = "/home/app";

    private final List<String> lines = new ArrayList<>();

    DockerfileWriter comment(String text) {
        lines.add("# " + text);
        return this;
    }

    DockerfileWriter blank() {
        lines.add("");
        return this;
    }

    DockerfileWriter from(String image) {
        lines.add("FROM " + image);
        return this;
    }

    DockerfileWriter from(String image, String stage) {
        lines.add("FROM " + image + " AS " + stage);
        return this;
    }

    DockerfileWriter workdir(String directory) {
        lines.add("WORKDIR " + directory);
        return this;
    }

    /** {@code ENV} with template values only (no user input): names and paths without spaces. */
    DockerfileWriter env(String... namesAndValues) {
        StringBuilder line = new StringBuilder("ENV");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            line.append(' ').append(namesAndValues[i]).append('=').append(namesAndValues[i + 1]);
        }
        lines.add(line.toString());
        return this;
    }

    DockerfileWriter user(String user) {
        lines.add("USER " + user);
        return this;
    }

    DockerfileWriter expose(int port) {
        lines.add("EXPOSE " + port);
        return this;
    }

    /**
     * {@code COPY} in JSON form; the last element is the destination.
     *
     * @param flags e.g. {@code --chown=10001:10001} or {@code --from=build}; template values only
     */
    DockerfileWriter copy(List<String> flags, List<String> sourcesAndDestination) {
        lines.add(instruction("COPY", flags, sourcesAndDestination));
        return this;
    }

    /** A shell command run by {@code /bin/sh -c}, with the given BuildKit cache mounts. */
    DockerfileWriter run(String command, List<CacheMount> caches) {
        List<String> flags = caches.stream().map(CacheMount::flag).toList();
        lines.add(instruction("RUN", flags, List.of("/bin/sh", "-c", command)));
        return this;
    }

    DockerfileWriter run(String command) {
        return run(command, List.of());
    }

    /**
     * A multi-line shell script written by this library's templates (never user input), in shell
     * form so it reads as a script in the build log.
     */
    DockerfileWriter runScript(List<String> scriptLines) {
        StringBuilder text = new StringBuilder("RUN ");
        for (int i = 0; i < scriptLines.size(); i++) {
            text.append(i == 0 ? "" : "    ").append(scriptLines.get(i));
            if (i < scriptLines.size() - 1) {
                text.append(" \\\n");
            }
        }
        lines.add(text.toString());
        return this;
    }

    /** A program run without a shell, for images that may not have {@code /bin/sh}. */
    DockerfileWriter runExec(List<String> argv) {
        lines.add(instruction("RUN", List.of(), argv));
        return this;
    }

    /** {@code CMD} in exec form. */
    DockerfileWriter cmd(List<String> argv) {
        lines.add(instruction("CMD", List.of(), argv));
        return this;
    }

    String text() {
        return String.join("\n", lines) + "\n";
    }

    private static String instruction(String name, List<String> flags, List<String> arguments) {
        StringBuilder line = new StringBuilder(name);
        for (String flag : flags) {
            line.append(' ').append(flag);
        }
        line.append(" [");
        for (int i = 0; i < arguments.size(); i++) {
            line.append(i == 0 ? "" : ", ").append(jsonString(arguments.get(i)));
        }
        return line.append(']').toString();
    }

    static String jsonString(String value) {
        StringBuilder json = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    /**
     * A BuildKit cache mount: package caches survive between builds without landing in the image.
     *
     * @param ownedByAppUser whether the mount belongs to {@link #APP_USER}, for steps that run as
     *     that user
     */
    record CacheMount(String target, boolean ownedByAppUser) {
        static CacheMount root(String target) {
            return new CacheMount(target, false);
        }

        static CacheMount appUser(String target) {
            return new CacheMount(target, true);
        }

        String flag() {
            String flag = "--mount=type=cache,target=" + target;
            return ownedByAppUser ? flag + ",uid=10001,gid=10001" : flag;
        }
    }
}
