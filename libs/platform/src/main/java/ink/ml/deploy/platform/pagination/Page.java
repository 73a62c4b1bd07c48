package ink.ml.deploy.platform.pagination;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** One page of a list and where the next one starts. */
public record Page<T>(List<T> items, Optional<String> endCursor, boolean hasNextPage) {
    public Page {
        items = List.copyOf(items);
    }

    /** No items and no next page. */
    public static <T> Page<T> empty() {
        return new Page<>(List.of(), Optional.empty(), false);
    }

    /**
     * Builds a page from up to {@code request.first() + 1} rows: the extra row only tells whether
     * there is a next page.
     */
    public static <E, T> Page<T> of(
            List<E> rows,
            PageRequest request,
            Function<E, Cursor> cursorOf,
            Function<E, T> toView) {
        boolean hasNext = rows.size() > request.first();
        List<E> shown = hasNext ? rows.subList(0, request.first()) : rows;
        Optional<String> end =
                shown.isEmpty()
                        ? Optional.empty()
                        : Optional.of(cursorOf.apply(shown.get(shown.size() - 1)).encode());
        return new Page<>(shown.stream().map(toView).toList(), end, hasNext);
    }
}
