package ink.ml.deploy.graphql.api.errors;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.language.SourceLocation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error as it goes on the wire: message, locations, path and our extensions ({@code code}, and
 * {@code field} for bad input) — and nothing of graphql-java's internals such as its
 * classification.
 */
final class CodedError implements GraphQLError {
    private static final long serialVersionUID = 1L;

    private final String message;
    private final List<SourceLocation> locations;
    private final List<Object> path;
    private final ErrorClassification classification;
    private final Map<String, Object> extensions;

    CodedError(ApiError error, GraphQLError original) {
        this.message = error.message();
        this.locations = original.getLocations();
        this.path = original.getPath();
        this.classification = original.getErrorType();
        this.extensions = error.extensions();
    }

    @Override
    public String getMessage() {
        return message;
    }

    @Override
    public List<SourceLocation> getLocations() {
        return locations;
    }

    @Override
    public List<Object> getPath() {
        return path;
    }

    @Override
    public ErrorClassification getErrorType() {
        return classification;
    }

    @Override
    public Map<String, Object> getExtensions() {
        return extensions;
    }

    @Override
    public Map<String, Object> toSpecification() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("message", message);
        if (locations != null && !locations.isEmpty()) {
            spec.put(
                    "locations",
                    locations.stream()
                            .map(l -> Map.of("line", l.getLine(), "column", l.getColumn()))
                            .toList());
        }
        if (path != null && !path.isEmpty()) {
            spec.put("path", path);
        }
        spec.put("extensions", extensions);
        return spec;
    }
}
