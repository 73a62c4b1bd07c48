package ink.ml.deploy.domain;

import java.util.regex.Pattern;

/**
 * A GitHub repository as {@code owner/name}, never a URL: the build clones it from github.com
 * through the user's GitHub App installation, so a reference cannot make the builder fetch from an
 * arbitrary host.
 *
 * <p>GitHub's own rules: the owner is a GitHub account name ({@link GithubLogin}: one rule for
 * both); the repository name is 1 to 100 letters, digits, '.', '_' and '-', and is neither "." nor
 * "..". Case is kept as given (GitHub matches names case-insensitively).
 */
public record GitHubRepo(String owner, String name) {
    public static final String FIELD = "githubRepo";
    public static final int MAX_NAME_LENGTH = 100;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final String URL_REFUSAL = "repo references cannot be URLs: give owner/name";

    public GitHubRepo {
        try {
            GithubLogin.of(owner);
        } catch (InvalidValueException e) {
            throw new InvalidValueException(FIELD, "the owner " + e.rule());
        }
        if (name == null
                || name.isEmpty()
                || name.length() > MAX_NAME_LENGTH
                || !NAME.matcher(name).matches()) {
            throw new InvalidValueException(
                    FIELD,
                    "the repository name must be 1 to "
                            + MAX_NAME_LENGTH
                            + " letters, digits, '.', '_' and '-' (got \""
                            + echo(name)
                            + "\")");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new InvalidValueException(
                    FIELD, "the repository name must not be \".\" or \"..\"");
        }
    }

    /**
     * Parses {@code owner/name}. URLs ({@code https://github.com/a/b}, {@code git@github.com:a/b})
     * are refused rather than taken apart: what is stored is exactly what was given.
     */
    public static GitHubRepo parse(String reference) {
        if (reference == null || reference.isEmpty()) {
            throw new InvalidValueException(
                    FIELD, "must not be empty: give owner/name, e.g. octocat/hello-world");
        }
        if (reference.contains(":")
                || reference.contains("@")
                || reference.codePoints().anyMatch(Character::isWhitespace)) {
            throw new InvalidValueException(
                    FIELD, URL_REFUSAL + " (got \"" + echo(reference) + "\")");
        }
        String[] parts = reference.split("/", -1);
        if (parts.length > 2 && parts[0].contains(".")) {
            // github.com/owner/name: a host name in front.
            throw new InvalidValueException(
                    FIELD, URL_REFUSAL + " (got \"" + echo(reference) + "\")");
        }
        if (parts.length != 2) {
            throw new InvalidValueException(
                    FIELD,
                    "must be owner/name with exactly one '/' (got \"" + echo(reference) + "\")");
        }
        return new GitHubRepo(parts[0], parts[1]);
    }

    /** {@code owner/name}, as stored and as given to the GitHub API. */
    @Override
    public String toString() {
        return owner + "/" + name;
    }

    /** Rejected input echoed back without control characters and without flooding a log line. */
    private static String echo(String value) {
        if (value == null) {
            return "";
        }
        String shown = value.length() > 120 ? value.substring(0, 120) + "…" : value;
        return DnsLabel.printable(shown);
    }
}
