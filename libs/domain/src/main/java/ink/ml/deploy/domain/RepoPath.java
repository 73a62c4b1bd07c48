package ink.ml.deploy.domain;

import java.util.Objects;

/**
 * A path inside a repository, relative to its root and unable to leave it: the build uses it as its
 * context directory or to find the Dockerfile, so a path that escaped would let a build read the
 * builder's own files.
 *
 * <p>Refused, never rewritten: absolute paths, '..' and '.' segments, empty segments ("a//b", a
 * trailing '/'), backslashes, NUL and other control characters, more than 255 characters. What is
 * stored is therefore already canonical: "a/b", never "./a/b/" for the same directory.
 */
public final class RepoPath {
    public static final int MAX_LENGTH = 255;

    /** The repository root, as a directory. */
    public static final RepoPath ROOT = new RepoPath("");

    private final String value;

    private RepoPath(String value) {
        this.value = value;
    }

    /** A directory; the empty path is the repository root. */
    public static RepoPath directory(String field, String value) {
        if (value == null) {
            throw new InvalidValueException(
                    field, "must not be null (\"\" is the repository root)");
        }
        return value.isEmpty() ? ROOT : new RepoPath(check(field, value));
    }

    /** A file: not empty. */
    public static RepoPath file(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidValueException(field, "must not be empty");
        }
        return new RepoPath(check(field, value));
    }

    private static String check(String field, String value) {
        if (value.length() > MAX_LENGTH) {
            throw new InvalidValueException(
                    field,
                    "must be at most " + MAX_LENGTH + " characters (got " + value.length() + ")");
        }
        if (value.indexOf('\0') >= 0) {
            throw refuse(field, "must not contain NUL characters", value);
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw refuse(field, "must not contain control characters", value);
        }
        if (value.indexOf('\\') >= 0) {
            throw refuse(field, "must separate directories with '/', not '\\'", value);
        }
        if (value.startsWith("/")) {
            throw refuse(
                    field, "must be relative to the repository root, not an absolute path", value);
        }
        for (String segment : value.split("/", -1)) {
            if (segment.isEmpty()) {
                throw refuse(
                        field, "must not contain empty segments ('//' or a trailing '/')", value);
            }
            if (segment.equals("..")) {
                throw refuse(
                        field,
                        "must not contain '..' segments: it cannot leave the repository",
                        value);
            }
            if (segment.equals(".")) {
                throw refuse(
                        field,
                        "must not contain '.' segments: write \"a/b\", not \"./a/b\"",
                        value);
            }
        }
        return value;
    }

    private static InvalidValueException refuse(String field, String rule, String value) {
        return new InvalidValueException(
                field, rule + " (got \"" + DnsLabel.printable(value) + "\")");
    }

    public String value() {
        return value;
    }

    public boolean isRoot() {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RepoPath path && value.equals(path.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
