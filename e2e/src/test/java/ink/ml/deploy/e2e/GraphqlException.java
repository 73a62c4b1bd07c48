package ink.ml.deploy.e2e;

import java.util.List;

/** A GraphQL request answered with errors (or not answered as GraphQL at all). */
final class GraphqlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<GraphqlError> errors;

    GraphqlException(String operation, List<GraphqlError> errors) {
        super(operation + " failed: " + errors);
        this.errors = List.copyOf(errors);
    }

    List<GraphqlError> errors() {
        return errors;
    }

    /** The {@code extensions.code} of every error, in order. */
    List<String> codes() {
        return errors.stream().map(GraphqlError::code).toList();
    }
}
