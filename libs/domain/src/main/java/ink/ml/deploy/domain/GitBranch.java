package ink.ml.deploy.domain;

/**
 * A git branch name a service tracks, checked with the essentials of {@code git check-ref-format
 * --branch}: no "..", no spaces or control characters, none of {@code ~ ^ : ? * [ \}, not starting
 * with '-' or '/', not ending with '/', '.' or ".lock", no "//", no part starting with '.', no
 * "@{", at most 255 characters.
 *
 * <p>These rules keep the name safe to pass to git as an argument (a leading '-' would be read as
 * an option) and to use in a refspec. A full ref ({@code refs/heads/main}) and {@code HEAD} are
 * refused: the service tracks a branch by its short name, so give {@code main}.
 */
public record GitBranch(String value) {
    public static final String FIELD = "branch";
    public static final int MAX_LENGTH = 255;

    /** What a service tracks when it names no branch. */
    public static final GitBranch MAIN = new GitBranch("main");

    private static final String FORBIDDEN = "~^:?*[\\";

    public GitBranch {
        if (value == null || value.isEmpty()) {
            throw new InvalidValueException(FIELD, "must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidValueException(
                    FIELD,
                    "must be at most " + MAX_LENGTH + " characters (got " + value.length() + ")");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw refuse("must not contain control characters", value);
            }
            if (c == ' ') {
                throw refuse("must not contain spaces", value);
            }
            if (FORBIDDEN.indexOf(c) >= 0) {
                throw refuse("must not contain any of ~ ^ : ? * [ \\", value);
            }
        }
        if (value.startsWith("-")) {
            throw refuse("must not start with '-'", value);
        }
        if (value.startsWith("/") || value.endsWith("/") || value.contains("//")) {
            throw refuse("must not start or end with '/' or contain '//'", value);
        }
        if (value.contains("..")) {
            throw refuse("must not contain '..'", value);
        }
        if (value.contains("@{") || value.equals("@")) {
            throw refuse("must not contain '@{' or be '@'", value);
        }
        if (value.endsWith(".")) {
            throw refuse("must not end with '.'", value);
        }
        for (String part : value.split("/")) {
            if (part.startsWith(".")) {
                throw refuse("no part between '/' may start with '.'", value);
            }
            if (part.endsWith(".lock")) {
                throw refuse("no part between '/' may end with '.lock'", value);
            }
        }
        if (value.equals("HEAD") || value.startsWith("refs/")) {
            throw refuse("give the branch's short name (e.g. main), not HEAD or a full ref", value);
        }
    }

    public static GitBranch of(String value) {
        return new GitBranch(value);
    }

    private static InvalidValueException refuse(String rule, String value) {
        return new InvalidValueException(
                FIELD, rule + " (got \"" + DnsLabel.printable(value) + "\")");
    }

    @Override
    public String toString() {
        return value;
    }
}
