package ink.ml.deploy.platform.observability;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which runtime lines of a service a caller asks for; every part is optional and {@link
 * ServiceLogs} fills in the defaults. Start from {@link #newest()} and add what was given.
 *
 * @param since the window's start (inclusive); an hour before {@code until} when absent
 * @param until the window's end (exclusive); now when absent
 * @param search only lines containing this text (plain, case-sensitive)
 * @param limit at most this many lines, the newest; {@link ServiceLogs#DEFAULT_LIMIT} when absent
 * @param after a cursor of an earlier page: the lines older than that page's oldest
 * @param deploymentId only the lines of this deployment of the service
 */
public record LogRequest(
        Optional<Instant> since,
        Optional<Instant> until,
        Optional<String> search,
        Optional<Integer> limit,
        Optional<String> after,
        Optional<String> deploymentId) {
    public LogRequest {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(deploymentId, "deploymentId");
        after = after.filter(cursor -> !cursor.isEmpty());
    }

    /** The newest lines of the last hour, every default applied. */
    public static LogRequest newest() {
        return new LogRequest(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    public LogRequest withSince(Optional<Instant> value) {
        return new LogRequest(value, until, search, limit, after, deploymentId);
    }

    public LogRequest withUntil(Optional<Instant> value) {
        return new LogRequest(since, value, search, limit, after, deploymentId);
    }

    public LogRequest withSearch(Optional<String> value) {
        return new LogRequest(since, until, value, limit, after, deploymentId);
    }

    public LogRequest withLimit(Optional<Integer> value) {
        return new LogRequest(since, until, search, value, after, deploymentId);
    }

    public LogRequest withAfter(Optional<String> value) {
        return new LogRequest(since, until, search, limit, value, deploymentId);
    }

    public LogRequest withDeploymentId(Optional<String> value) {
        return new LogRequest(since, until, search, limit, after, value);
    }
}
