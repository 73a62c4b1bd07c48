package ink.ml.deploy.domain;

/** Where a service's code comes from: the platform's git-server or a GitHub repository. */
public enum SourceKind {
    /** A repository on the platform's git-server, {@code {user}/{project}/{repo}}. */
    INTERNAL,
    /** A GitHub repository, {@code owner/name}, cloned through the user's App installation. */
    GITHUB;

    /** The value stored in the database and shown in APIs, e.g. {@code github}. */
    public String value() {
        return StoredValues.of(this);
    }

    public static SourceKind fromValue(String value) {
        for (SourceKind kind : values()) {
            if (kind.value().equals(value)) {
                return kind;
            }
        }
        throw new InvalidValueException("source kind", "must be internal or github");
    }
}
