package ink.ml.deploy.platform.observability;

import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.observability.logs.LogQuery;
import java.util.Optional;

/**
 * A live tail's search text, held to the same rules as a {@link LogQuery}'s: plain text, one line,
 * at most {@link LogQuery#MAX_SEARCH_LENGTH} characters; empty means none.
 */
final class SearchText {
    private SearchText() {}

    static Optional<String> check(Optional<String> search) {
        Optional<String> text = search.filter(s -> !s.isEmpty());
        if (text.isPresent() && text.get().length() > LogQuery.MAX_SEARCH_LENGTH) {
            throw new InvalidValueException(
                    "search", "may be at most " + LogQuery.MAX_SEARCH_LENGTH + " characters long");
        }
        if (text.isPresent() && text.get().chars().anyMatch(c -> c == '\n' || c == '\r')) {
            throw new InvalidValueException("search", "must be one line");
        }
        return text;
    }
}
