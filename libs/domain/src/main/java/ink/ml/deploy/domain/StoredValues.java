package ink.ml.deploy.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the domain's enums are written to the database and shown in APIs: the constant's name in
 * lower case ({@code building}, {@code rollout}). One rule for every enum that is stored, so
 * reading one back refuses alike, naming the field and the values it may take.
 */
public final class StoredValues {
    private StoredValues() {}

    /** The stored value of {@code constant}, e.g. {@code succeeded}. */
    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The constant whose stored value is {@code value}.
     *
     * @throws InvalidValueException naming {@code field} and every value it may take
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        E[] constants = type.getEnumConstants();
        for (E constant : constants) {
            if (of(constant).equals(value)) {
                return constant;
            }
        }
        throw new InvalidValueException(
                field,
                "must be one of "
                        + Arrays.stream(constants)
                                .map(StoredValues::of)
                                .collect(Collectors.joining(", ")));
    }
}
