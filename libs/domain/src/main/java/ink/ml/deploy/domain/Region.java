package ink.ml.deploy.domain;

import java.util.regex.Pattern;

/** A cluster region id such as {@code eu-central-1}: {@code {area}-{location}-{number}}. */
public record Region(String id) {
    private static final Pattern SHAPE = Pattern.compile("[a-z]{2,8}-[a-z]{2,16}-[0-9]{1,3}");

    public Region {
        if (id == null || id.isEmpty()) {
            throw new InvalidValueException("region", "must not be empty");
        }
        if (!SHAPE.matcher(id).matches()) {
            throw new InvalidValueException(
                    "region", "must look like eu-central-1: area, location and number, lowercase");
        }
    }

    public static Region of(String id) {
        return new Region(id);
    }

    @Override
    public String toString() {
        return id;
    }
}
