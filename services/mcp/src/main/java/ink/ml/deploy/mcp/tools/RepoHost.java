package ink.ml.deploy.mcp.tools;

import ink.ml.deploy.domain.InvalidValueException;
import java.util.Locale;

/** Where a service's repository lives, as the {@code host} argument names it. */
enum RepoHost {
    /** The platform's own git server: repositories made with create_repo. */
    INK,
    GITHUB;

    static final String FIELD = "host";

    String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RepoHost parse(String value) {
        for (RepoHost host : values()) {
            if (host.value().equals(value)) {
                return host;
            }
        }
        throw new InvalidValueException(FIELD, "must be ink or github (got " + value + ")");
    }
}
