package ink.ml.deploy.graphql.api.errors;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An error as a client sees it: a code to branch on, a message a person can act on and, for bad
 * input, the field to show it next to.
 */
public record ApiError(ErrorCode code, String message, Optional<String> field) {
    public ApiError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        field = field == null ? Optional.empty() : field;
    }

    public static ApiError of(ErrorCode code, String message) {
        return new ApiError(code, message, Optional.empty());
    }

    public static ApiError ofField(ErrorCode code, String message, String field) {
        return new ApiError(code, message, Optional.ofNullable(field));
    }

    /** The error's {@code extensions} object. */
    public Map<String, Object> extensions() {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code.name());
        field.ifPresent(f -> extensions.put("field", f));
        return extensions;
    }
}
