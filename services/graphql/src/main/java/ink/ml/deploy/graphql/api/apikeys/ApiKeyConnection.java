package ink.ml.deploy.graphql.api.apikeys;

import ink.ml.deploy.graphql.api.pagination.PageInfo;
import ink.ml.deploy.graphql.api.pagination.Pages;
import ink.ml.deploy.platform.apikeys.ApiKeyView;
import ink.ml.deploy.platform.pagination.Page;
import java.util.List;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

/** A page of API keys; totalCount (counted only when selected) comes from the API class. */
public final class ApiKeyConnection {
    private final List<ApiKeyEdge> edges;
    private final PageInfo pageInfo;

    /**
     * Counts on demand for {@code totalCount}. MicroProfile GraphQL's {@code @Ignore} keeps this
     * field out of the schema; it has nothing to do with tests.
     */
    @Ignore private final LongSupplier counter;

    ApiKeyConnection(Page<ApiKeyView> page, LongSupplier totalCount) {
        this.edges =
                Pages.edges(
                        page, ApiKeyView::createdAt, ApiKeyView::id, ApiKey::of, ApiKeyEdge::new);
        this.pageInfo = Pages.info(page);
        this.counter = totalCount;
    }

    public @NonNull List<@NonNull ApiKeyEdge> getEdges() {
        return edges;
    }

    public @NonNull PageInfo getPageInfo() {
        return pageInfo;
    }

    /**
     * Counts all items of the list; resolved as {@code totalCount} by the feature's API class, on a
     * worker thread and only when selected.
     */
    public long countAll() {
        return counter.getAsLong();
    }
}
