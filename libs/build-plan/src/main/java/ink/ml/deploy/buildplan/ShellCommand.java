package ink.ml.deploy.buildplan;

import java.util.regex.Pattern;

/**
 * Shell commands and words that go into a generated Dockerfile. Commands are shell by design (a
 * user may write {@code npm run migrate && npm start}); what they must never do is leave their
 * instruction: a newline or another control character would start a new Dockerfile line, so they
 * are refused here, whatever was validated when the service was saved. The writer then puts every
 * command into an exec-form JSON array ({@link DockerfileWriter}), where quotes and backslashes are
 * escaped.
 */
final class ShellCommand {
    /** Long enough for any sensible command, short enough to keep the build log readable. */
    static final int MAX_LENGTH = 2000;

    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

    private ShellCommand() {}

    /**
     * A command from the service's settings or the repository (Procfile), checked; null when it is
     * absent or blank.
     *
     * @param source what the command is called where the user wrote it, e.g. {@code startCommand}
     */
    static String checked(String source, String command) {
        if (command == null || command.isBlank()) {
            return null;
        }
        String trimmed = command.strip();
        if (trimmed.length() > MAX_LENGTH) {
            throw new NothingDetectedException(
                    source + " is longer than " + MAX_LENGTH + " characters");
        }
        refuseControlCharacters(source, trimmed);
        return trimmed;
    }

    /** A word (a file name, a path) quoted for {@code /bin/sh} when it is not plain. */
    static String quote(String word) {
        refuseControlCharacters("\"" + word.strip() + "\"", word);
        if (PLAIN_WORD.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * Whether {@code /bin/sh -c "exec <command>"} runs the same thing as the command itself: not
     * when it chains commands ({@code a && b}, {@code a; b}, {@code a | b}, {@code a &}), where
     * {@code exec} would replace the shell with the first one and drop the rest.
     */
    static boolean isSimple(String command) {
        return command.chars().noneMatch(c -> c == ';' || c == '&' || c == '|');
    }

    /**
     * The shell script the container runs for a start command: {@code exec <command>} when that is
     * the same command, so the app replaces the shell and receives stop signals itself.
     */
    static String startScript(String command) {
        if (command.startsWith("exec ") || !isSimple(command)) {
            return command;
        }
        return "exec " + command;
    }

    private static void refuseControlCharacters(String source, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\t') {
                continue;
            }
            if (c < 0x20 || c == 0x7f) {
                throw new NothingDetectedException(
                        source
                                + " must be a single line without control characters: a"
                                + " newline would end its Dockerfile instruction (found "
                                + String.format("U+%04X", (int) c)
                                + ")");
            }
        }
    }
}
