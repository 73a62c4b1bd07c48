package ink.ml.deploy.gitauth;

import java.util.Optional;

/** What a git token lets its bearer do with its one repository. */
public enum GitAccess {
    /** Clone and fetch. */
    READ("read"),
    /** Push, and everything {@link #READ} allows: a pusher needs to fetch what it pushes onto. */
    PUSH("push");

    private final String value;

    GitAccess(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** Whether a token with this access may do what {@code needed} asks. */
    public boolean allows(GitAccess needed) {
        return this == PUSH || needed == READ;
    }

    /**
     * @return empty for anything but {@code read} and {@code push}
     */
    static Optional<GitAccess> fromValue(String value) {
        for (GitAccess access : values()) {
            if (access.value.equals(value)) {
                return Optional.of(access);
            }
        }
        return Optional.empty();
    }
}
