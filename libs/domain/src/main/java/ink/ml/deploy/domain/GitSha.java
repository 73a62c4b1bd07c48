package ink.ml.deploy.domain;

import java.util.regex.Pattern;

/** A full git commit id: 40 lowercase hex digits. Short or symbolic refs are not commits. */
public record GitSha(String value) {
    private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{40}");

    public GitSha {
        if (value == null || value.isEmpty()) {
            throw new InvalidValueException("commitSha", "must not be empty");
        }
        if (!SHAPE.matcher(value).matches()) {
            throw new InvalidValueException(
                    "commitSha", "must be a full commit id of 40 lowercase hex digits");
        }
    }

    public static GitSha of(String value) {
        return new GitSha(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
