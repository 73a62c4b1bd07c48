package ink.ml.deploy.domain;

import java.util.Optional;

/**
 * A user's install, build or start command for a generated build. The generated Dockerfile runs it
 * through a shell ({@code RUN} or the container's command), so it must be one line: a line break
 * would end the Dockerfile instruction and start another one the user never meant to write.
 *
 * <p>Surrounding whitespace is trimmed; what is left empty means "no command of my own: use the
 * detected one". Refused, never rewritten: line breaks, NUL and other control characters, more than
 * {@value #MAX_LENGTH} characters.
 */
public record BuildCommand(String value) {
    public static final int MAX_LENGTH = 1000;

    public static final String INSTALL_FIELD = "installCommand";
    public static final String BUILD_FIELD = "buildCommand";
    public static final String START_FIELD = "startCommand";

    public BuildCommand {
        check("command", value);
    }

    /**
     * The command a client gave for {@code field}; empty when it gave none or only whitespace.
     *
     * @param field the API's name for it, e.g. {@code startCommand}
     */
    public static Optional<BuildCommand> parse(String field, String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String trimmed = raw.strip();
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new BuildCommand(check(field, trimmed)));
    }

    private static String check(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(field, "must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidValueException(
                    field,
                    "must be at most " + MAX_LENGTH + " characters (got " + value.length() + ")");
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new InvalidValueException(
                    field,
                    "must be one line: join commands with && instead of line breaks (got \""
                            + DnsLabel.printable(value)
                            + "\")");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException(
                    field,
                    "must not contain NUL or other control characters (got \""
                            + DnsLabel.printable(value)
                            + "\")");
        }
        if (!value.equals(value.strip())) {
            throw new InvalidValueException(
                    field, "must not start or end with whitespace (got \"" + value + "\")");
        }
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
