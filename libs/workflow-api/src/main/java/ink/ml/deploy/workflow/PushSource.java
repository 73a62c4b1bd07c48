package ink.ml.deploy.workflow;

import ink.ml.deploy.domain.InvalidValueException;

/** Where a push comes from. */
public enum PushSource {
    GITHUB("github"),
    GIT_SERVER("git-server");

    private final String value;

    PushSource(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static PushSource fromValue(String value) {
        for (PushSource source : values()) {
            if (source.value.equals(value)) {
                return source;
            }
        }
        throw new InvalidValueException("source", "must be github or git-server");
    }
}
