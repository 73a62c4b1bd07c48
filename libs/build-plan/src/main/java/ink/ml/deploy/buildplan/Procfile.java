package ink.ml.deploy.buildplan;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Heroku-style {@code Procfile}: its {@code web:} process is how the repository says to start the
 * app, for every language.
 */
final class Procfile {
    static final String FILE = "Procfile";

    private static final Pattern PROCESS = Pattern.compile("^([A-Za-z0-9_-]+)\\s*:(.*)$");

    private Procfile() {}

    /** The {@code web:} command, or empty when there is no Procfile or no web process. */
    static Optional<String> web(Checkout checkout) {
        Optional<String> text = checkout.read(FILE);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        for (String line : text.get().split("\n", -1)) {
            Matcher process = PROCESS.matcher(line.strip());
            if (process.matches() && process.group(1).equals("web")) {
                String command =
                        ShellCommand.checked("the Procfile's web: command", process.group(2));
                if (command == null) {
                    throw new NothingDetectedException(
                            "the Procfile's web: process has no command: write the start command"
                                    + " after \"web:\" or remove the line");
                }
                return Optional.of(command);
            }
        }
        return Optional.empty();
    }
}
