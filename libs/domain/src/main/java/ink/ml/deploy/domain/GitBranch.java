package ink.ml.deploy.domain;

import java.util.Optional;

/**
 * A git branch name a service tracks: a plain name, the one rule for branch names on the whole
 * platform. The git-server refuses to store a pushed branch (or tag) that breaks it, so a service
 * can only be set to follow a branch that can exist there.
 *
 * <p>A plain name is valid under {@code git check-ref-format --branch} (no "..", no "//", not
 * starting or ending with '/', not ending with '.', no part starting with '.' or ending with
 * ".lock") and more: only ASCII letters, digits and {@code . _ - + /}, no part starting with '-',
 * not {@code HEAD}, not a full ref, at most 255 characters.
 *
 * <p>The name travels on unquoted: into the deployer's {@code git} commands, workflow ids, logs and
 * labels. A part starting with '-' would read as an option there ({@code --upload-pack=…}), shell
 * characters ({@code $(id)}, backticks, ';', spaces) would run in any script that forgot to quote
 * it, '@' opens git's {@code @{…}} revision syntax, and non-ASCII letters have look-alikes that
 * make two branches seem one. {@code HEAD} as a branch makes every {@code HEAD} ambiguous, and a
 * full ref ({@code refs/heads/main}) is refused because the service tracks a branch by its short
 * name.
 */
public record GitBranch(String value) {
    public static final String FIELD = "branch";
    public static final int MAX_LENGTH = 255;

    /** What a service tracks when it names no branch. */
    public static final GitBranch MAIN = new GitBranch("main");

    private static final String ALLOWED_PUNCTUATION = "._-+/";

    public GitBranch {
        Optional<String> broken = ruleBrokenBy(value);
        if (broken.isPresent()) {
            // Echo the name so the user sees what was read, unless there is none or it is too
            // long to be worth repeating.
            boolean echo = value != null && !value.isEmpty() && value.length() <= MAX_LENGTH;
            throw new InvalidValueException(
                    FIELD,
                    echo
                            ? broken.get() + " (got \"" + DnsLabel.printable(value) + "\")"
                            : broken.get());
        }
    }

    public static GitBranch of(String value) {
        return new GitBranch(value);
    }

    /**
     * The rule {@code name} breaks, written for the person who chose it, or empty when it is a
     * plain branch name. The rule has no subject ("must not contain '..'") and does not repeat the
     * name, so a caller that reports on a name in its own words (the git-server, per pushed ref)
     * says it without throwing.
     */
    public static Optional<String> ruleBrokenBy(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of(
                    "must be at most " + MAX_LENGTH + " characters (got " + name.length() + ")");
        }
        // Before the character rule: "--upload-pack=x" breaks both, and the leading '-' (read as an
        // option) is the one to fix.
        for (String part : name.split("/", -1)) {
            if (part.startsWith("-")) {
                return Optional.of("must not have a part (between '/') starting with '-'");
            }
        }
        // Before the shape rules: it already rules out what git refuses by character (spaces,
        // control characters, ~ ^ : ? * [ \, "@{", "@"), so the rules below are about shape only.
        if (!name.chars().allMatch(GitBranch::plain)) {
            return Optional.of("may contain only ASCII letters, digits and . _ - + /");
        }
        if (name.startsWith("/") || name.endsWith("/") || name.contains("//")) {
            return Optional.of("must not start or end with '/' or contain '//'");
        }
        if (name.contains("..")) {
            return Optional.of("must not contain '..'");
        }
        if (name.endsWith(".")) {
            return Optional.of("must not end with '.'");
        }
        for (String part : name.split("/")) {
            if (part.startsWith(".")) {
                return Optional.of("must not have a part (between '/') starting with '.'");
            }
            if (part.endsWith(".lock")) {
                return Optional.of("must not have a part (between '/') ending with '.lock'");
            }
        }
        if (name.equals("HEAD")) {
            return Optional.of("must not be HEAD: git reserves it for the checked-out commit");
        }
        if (name.startsWith("refs/")) {
            return Optional.of("must be the short name (e.g. main), not a full ref");
        }
        return Optional.empty();
    }

    private static boolean plain(int c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || ALLOWED_PUNCTUATION.indexOf(c) >= 0;
    }

    @Override
    public String toString() {
        return value;
    }
}
