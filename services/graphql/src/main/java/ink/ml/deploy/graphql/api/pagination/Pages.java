package ink.ml.deploy.graphql.api.pagination;

import ink.ml.deploy.platform.pagination.Cursor;
import ink.ml.deploy.platform.pagination.Page;
import ink.ml.deploy.platform.pagination.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Turns the platform's pages into Relay edges. */
public final class Pages {
    private Pages() {}

    /** The page the client asked for; {@code first} defaults to 20, at most 100. */
    public static PageRequest request(Integer first, String after) {
        return PageRequest.of(first, after);
    }

    /**
     * The edges of a page of platform views ordered by (createdAt, id).
     *
     * @param createdAt and {@code id} of a view: its cursor
     * @param edge builds an edge from cursor and node
     */
    public static <V, N, E> List<E> edges(
            Page<V> page,
            Function<V, Instant> createdAt,
            Function<V, String> id,
            Function<V, N> node,
            BiFunction<String, N, E> edge) {
        return page.items().stream()
                .map(
                        view ->
                                edge.apply(
                                        new Cursor(
                                                        createdAt.apply(view),
                                                        UUID.fromString(id.apply(view)))
                                                .encode(),
                                        node.apply(view)))
                .toList();
    }

    public static PageInfo info(Page<?> page) {
        return new PageInfo(page.hasNextPage(), page.endCursor().orElse(null));
    }
}
