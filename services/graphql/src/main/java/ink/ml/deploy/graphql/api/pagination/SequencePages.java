package ink.ml.deploy.graphql.api.pagination;

import ink.ml.deploy.domain.InvalidValueException;

/**
 * Paging through append-only sequences (deployment events, build log lines): the cursor is the
 * sequence number of the last item seen, so a follower can resume exactly where it stopped and the
 * cursor stays valid while the sequence grows.
 */
public final class SequencePages {
    public static final int DEFAULT_SIZE = 100;
    public static final int MAX_SIZE = 500;

    private SequencePages() {}

    public static int first(Integer first) {
        int size = first == null ? DEFAULT_SIZE : first;
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidValueException(
                    "first", "must be between 1 and " + MAX_SIZE + " (got " + size + ")");
        }
        return size;
    }

    /** 0 (from the start) when absent. */
    public static long after(String after) {
        if (after == null || after.isEmpty()) {
            return 0;
        }
        try {
            long position = Long.parseLong(after);
            if (position < 0) {
                throw new NumberFormatException("negative");
            }
            return position;
        } catch (NumberFormatException e) {
            throw new InvalidValueException("after", "is not a cursor returned by this API");
        }
    }
}
