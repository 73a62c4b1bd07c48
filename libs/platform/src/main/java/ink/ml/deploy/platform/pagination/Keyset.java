package ink.ml.deploy.platform.pagination;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Map;

/**
 * The one keyset query behind every list: rows of one scope ordered by (createdAt, id), after the
 * request's cursor, plus one extra row that only tells {@link Page#of} whether a next page exists.
 * Entities taking part have {@code createdAt} and {@code id} fields.
 */
public final class Keyset {
    /** Which end of the list comes first. */
    public enum Order {
        OLDEST_FIRST(">", "asc"),
        NEWEST_FIRST("<", "desc");

        private final String after;
        private final String direction;

        Order(String after, String direction) {
            this.after = after;
            this.direction = direction;
        }
    }

    private Keyset() {}

    /**
     * @param scope an HQL condition on alias {@code e}, e.g. {@code e.userId = :user}
     * @param parameters the named parameters of {@code scope}
     */
    public static <E> List<E> rows(
            EntityManager entityManager,
            Class<E> entity,
            String scope,
            Map<String, Object> parameters,
            PageRequest page,
            Order order) {
        String afterCursor =
                page.after()
                        .map(
                                cursor ->
                                        " and (e.createdAt "
                                                + order.after
                                                + " :cursorAt or (e.createdAt = :cursorAt and e.id "
                                                + order.after
                                                + " :cursorId))")
                        .orElse("");
        TypedQuery<E> query =
                entityManager.createQuery(
                        "from "
                                + entity.getSimpleName()
                                + " e where ("
                                + scope
                                + ")"
                                + afterCursor
                                + " order by e.createdAt "
                                + order.direction
                                + ", e.id "
                                + order.direction,
                        entity);
        parameters.forEach(query::setParameter);
        page.after()
                .ifPresent(
                        cursor -> {
                            query.setParameter("cursorAt", cursor.createdAt());
                            query.setParameter("cursorId", cursor.id());
                        });
        return query.setMaxResults(page.first() + 1).getResultList();
    }
}
