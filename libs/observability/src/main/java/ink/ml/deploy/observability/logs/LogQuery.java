package ink.ml.deploy.observability.logs;

import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.InvalidValueException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which of a service's lines to read: the newest {@code limit} lines in {@code [since, until)},
 * optionally only those containing {@code search} (plain text, case-sensitive, never a query
 * language) and only one deployment's. The window and the page are capped, so no caller can make a
 * source scan weeks of logs or return an unbounded answer. The service itself is never part of the
 * query: its selector comes from the service's own record.
 *
 * @param deployment only this deployment's lines (one the caller owns: the caller checks)
 */
public record LogQuery(
        Instant since,
        Instant until,
        Optional<String> search,
        int limit,
        Optional<DeploymentId> deployment) {
    /** The longest window one query may span. */
    public static final Duration MAX_WINDOW = Duration.ofDays(7);

    /** The most lines one query returns. */
    public static final int MAX_LIMIT = 1000;

    /** The longest search text. */
    public static final int MAX_SEARCH_LENGTH = 256;

    public LogQuery {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(deployment, "deployment");
        if (!since.isBefore(until)) {
            throw new InvalidValueException("since", "must be before until");
        }
        if (Duration.between(since, until).compareTo(MAX_WINDOW) > 0) {
            throw new InvalidValueException(
                    "since", "the window from since to until may span at most 7 days");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidValueException(
                    "limit", "must be between 1 and " + MAX_LIMIT + " (got " + limit + ")");
        }
        search = search.filter(text -> !text.isEmpty());
        if (search.isPresent() && search.get().length() > MAX_SEARCH_LENGTH) {
            throw new InvalidValueException(
                    "search", "may be at most " + MAX_SEARCH_LENGTH + " characters long");
        }
        if (search.isPresent() && search.get().chars().anyMatch(c -> c == '\n' || c == '\r')) {
            throw new InvalidValueException("search", "must be one line");
        }
    }
}
