package ink.ml.deploy.graphql.api.errors;

import ink.ml.deploy.domain.InvalidValueException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The libs/domain rules name what they check ({@code project}, {@code memory}); a client needs the
 * argument it sent ({@code name}, {@code memoryMi}) to show the error in place. This renames the
 * field of a validation error raised by {@code call}; the rule's text stays as written.
 */
public final class InputFields {
    private InputFields() {}

    public static <T> T renamed(Map<String, String> domainToArgument, Supplier<T> call) {
        try {
            return call.get();
        } catch (InvalidValueException e) {
            String argument = domainToArgument.get(e.field());
            if (argument == null) {
                throw e;
            }
            InvalidValueException renamed = new InvalidValueException(argument, e.rule());
            renamed.initCause(e);
            throw renamed;
        }
    }
}
