package ink.ml.deploy.domain;

import java.util.regex.Pattern;

/**
 * The id of one delivery: GitHub's {@code X-GitHub-Delivery} GUID, or the id of a push derived from
 * what the sender authenticated (a digest of a GitHub push's signed body, the git-server's digest
 * of repository, ref and commit): 1 to 128 ASCII letters, digits, '.', '_' and '-', starting with a
 * letter or digit.
 *
 * <p>Redeliveries carry the same id, so it is what deduplicates them. A push's id becomes part of
 * the push workflow id ({@code push-{source}-{delivery}}), which is why nothing else is allowed in
 * it; {@code X-GitHub-Delivery} is not signed, so it only names a delivery in logs and never
 * dedupes a push.
 */
public record DeliveryId(String value) {
    public static final int MAX_LENGTH = 128;

    private static final String FIELD = "deliveryId";
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public DeliveryId {
        if (value == null || value.isEmpty()) {
            throw new InvalidValueException(FIELD, "must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidValueException(
                    FIELD,
                    "must be at most " + MAX_LENGTH + " characters (got " + value.length() + ")");
        }
        if (!SHAPE.matcher(value).matches()) {
            throw new InvalidValueException(
                    FIELD,
                    "must consist of letters, digits, '.', '_' and '-', starting with a letter or"
                            + " digit (got \""
                            + DnsLabel.printable(value)
                            + "\")");
        }
    }

    public static DeliveryId of(String value) {
        return new DeliveryId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
