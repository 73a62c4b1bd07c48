package ink.ml.deploy.domain;

import java.util.regex.Pattern;

/**
 * A GitHub account name (user or organisation): 1 to 39 ASCII letters, digits and hyphens, not
 * starting with a hyphen.
 *
 * <p>GitHub refuses consecutive and trailing hyphens for new accounts, but older accounts that have
 * them still exist and sign in, so they are accepted here. Logins are case-insensitive on GitHub;
 * the value keeps the case GitHub reported, for display.
 */
public record GithubLogin(String value) {
    public static final int MAX_LENGTH = 39;

    private static final String FIELD = "login";
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*");

    public GithubLogin {
        if (value == null || value.isEmpty()) {
            throw new InvalidValueException(FIELD, "must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidValueException(
                    FIELD,
                    "must be at most " + MAX_LENGTH + " characters (got " + value.length() + ")");
        }
        if (!SHAPE.matcher(value).matches()) {
            throw new InvalidValueException(
                    FIELD,
                    "must consist of letters A-Z, digits 0-9 and '-', and not start with '-' (got \""
                            + DnsLabel.printable(value)
                            + "\")");
        }
    }

    public static GithubLogin of(String value) {
        return new GithubLogin(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
