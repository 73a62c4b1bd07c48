package ink.ml.deploy.platform.pagination;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

    /**
     * The page of each of several scopes (e.g. every service in a GraphQL response) in one query: a
     * lateral join walks each scope's page index, up to {@code page.first() + 1} rows each, ordered
     * by scope and then as {@link #rows} orders. Group the rows by their scope column and hand each
     * group to {@link Page#of}.
     *
     * @param scopes native SQL selecting the ids (column {@code id}) of the scopes the caller may
     *     see; only those get rows
     * @param table the rows' table, e.g. {@code deployments}
     * @param scopeColumn its column naming the scope, e.g. {@code service_id}
     * @param parameters the named parameters of {@code scopes}
     */
    public static <E> List<E> rowsPerScope(
            EntityManager entityManager,
            Class<E> entity,
            String scopes,
            String table,
            String scopeColumn,
            Map<String, Object> parameters,
            PageRequest page,
            Order order) {
        String afterCursor =
                page.after().isPresent()
                        ? " and (x.created_at "
                                + order.after
                                + " :cursorAt or (x.created_at = :cursorAt and x.id "
                                + order.after
                                + " :cursorId))"
                        : "";
        String sorted = " order by x.created_at " + order.direction + ", x.id " + order.direction;
        Query query =
                entityManager
                        .createNativeQuery(
                                "select r.* from ("
                                        + scopes
                                        + ") as scope cross join lateral (select * from "
                                        + table
                                        + " x where x."
                                        + scopeColumn
                                        + " = scope.id"
                                        + afterCursor
                                        + sorted
                                        + " limit :rows) r"
                                        + " order by r."
                                        + scopeColumn
                                        + ", r.created_at "
                                        + order.direction
                                        + ", r.id "
                                        + order.direction,
                                entity)
                        .setParameter("rows", page.first() + 1);
        parameters.forEach(query::setParameter);
        page.after()
                .ifPresent(
                        cursor ->
                                query.setParameter("cursorAt", cursor.createdAt())
                                        .setParameter("cursorId", cursor.id()));
        @SuppressWarnings("unchecked")
        List<E> rows = query.getResultList();
        return rows;
    }

    /**
     * How many rows each of several scopes has, in one query: every scope {@code scopes} selects is
     * in the map, those without rows with 0.
     *
     * @param scopes as for {@link #rowsPerScope}
     * @param condition more SQL on alias {@code x} after {@code and}, or empty, e.g. {@code and
     *     x.deleted_at is null}
     */
    public static Map<UUID, Long> countsPerScope(
            EntityManager entityManager,
            String scopes,
            String table,
            String scopeColumn,
            String condition,
            Map<String, Object> parameters) {
        Query query =
                entityManager.createNativeQuery(
                        "select scope.id, (select count(*) from "
                                + table
                                + " x where x."
                                + scopeColumn
                                + " = scope.id "
                                + condition
                                + ") from ("
                                + scopes
                                + ") as scope");
        parameters.forEach(query::setParameter);
        Map<UUID, Long> counts = new LinkedHashMap<>();
        for (Object row : query.getResultList()) {
            Object[] columns = (Object[]) row;
            counts.put((UUID) columns[0], ((Number) columns[1]).longValue());
        }
        return counts;
    }
}
