package ink.ml.deploy.graphql.api.errors;

import graphql.GraphQLError;
import graphql.execution.NonNullableFieldWasNullError;
import graphql.validation.ValidationError;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When SmallRye cannot turn an argument into its Java type (a variable {@code "twenty"} for an
 * {@code Int}), it reports a validation error at the field and leaves the field null; graphql-java
 * then adds that a non-null field was null. That second error is only the consequence of the first,
 * not a resolver returning null, so it is dropped rather than reported as our fault.
 */
final class NullsOfRefusedArguments {
    private NullsOfRefusedArguments() {}

    static List<GraphQLError> dropped(List<GraphQLError> errors) {
        Set<List<String>> refusedFields =
                errors.stream()
                        .filter(ValidationError.class::isInstance)
                        .map(error -> ((ValidationError) error).getQueryPath())
                        .filter(path -> path != null && !path.isEmpty())
                        .collect(Collectors.toSet());
        if (refusedFields.isEmpty()) {
            return errors;
        }
        return errors.stream()
                .filter(
                        error ->
                                !(error instanceof NonNullableFieldWasNullError
                                        && refusedFields.contains(pathOf(error))))
                .toList();
    }

    private static List<String> pathOf(GraphQLError error) {
        return error.getPath() == null
                ? List.of()
                : error.getPath().stream().map(String::valueOf).toList();
    }
}
