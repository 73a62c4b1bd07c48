package ink.ml.deploy.platform.common;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Timestamps as PostgreSQL stores them (microseconds), so a value read back equals the one written
 * and pagination cursors built from either are the same.
 */
public final class Timestamps {
    private Timestamps() {}

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
