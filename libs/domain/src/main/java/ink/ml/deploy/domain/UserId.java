package ink.ml.deploy.domain;

import java.util.regex.Pattern;

/**
 * A user's platform id: 1 to 12 lowercase letters and digits, no hyphen.
 *
 * <p>No hyphen, so that {@code dp-{user}-{project}} splits back into user and project at the first
 * hyphen after {@code dp-}, and so that the user id is an unambiguous last part of a platform
 * hostname. At most 12 characters keeps every derived name within its 63-character limit (see
 * {@link ProjectName} and {@link ServiceName}); 36^12 ids are plenty.
 */
public record UserId(String value) {
    public static final int MAX_LENGTH = 12;

    private static final Pattern SHAPE = Pattern.compile("[a-z0-9]+");

    public UserId {
        DnsLabel.requireRfc1123("userId", value, MAX_LENGTH);
        if (!SHAPE.matcher(value).matches()) {
            throw new InvalidValueException(
                    "userId", "must consist of lowercase letters a-z and digits 0-9 only");
        }
    }

    public static UserId of(String value) {
        return new UserId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
