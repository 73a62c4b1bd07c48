package ink.ml.deploy.platform.observability;

import ink.ml.deploy.domain.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Where the next older page of runtime lines ends: before the oldest line shown (exclusive) and no
 * earlier than the start of the window the first page asked for, so paging back never leaves that
 * window. Opaque to clients: only a cursor this API handed out is accepted.
 *
 * <p>Lines written in the same instant as the oldest one shown, beyond the page, are not reached:
 * the sources give no finer position than the timestamp.
 */
record LogCursor(Instant before, Instant since) {
    private static final String SEPARATOR = "/";

    String encode() {
        String plain = before + SEPARATOR + since;
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param field the argument that carried it, named in the refusal
     */
    static LogCursor decode(String field, String cursor) {
        try {
            String plain =
                    new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = plain.split(SEPARATOR, -1);
            if (parts.length != 2) {
                throw notACursor(field);
            }
            LogCursor decoded = new LogCursor(Instant.parse(parts[0]), Instant.parse(parts[1]));
            if (decoded.since.isAfter(decoded.before)) {
                throw notACursor(field);
            }
            return decoded;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw notACursor(field);
        }
    }

    private static InvalidValueException notACursor(String field) {
        return new InvalidValueException(
                field, "is not a cursor returned by this API (pass a page's cursor unchanged)");
    }
}
