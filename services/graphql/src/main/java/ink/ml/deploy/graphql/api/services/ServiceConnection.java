package ink.ml.deploy.graphql.api.services;

import ink.ml.deploy.graphql.api.pagination.PageInfo;
import ink.ml.deploy.graphql.api.pagination.Pages;
import ink.ml.deploy.platform.pagination.Page;
import ink.ml.deploy.platform.services.ServiceView;
import java.util.List;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * A page of a project's services; totalCount (counted only when selected) comes from the API class.
 */
public final class ServiceConnection {
    private final List<ServiceEdge> edges;
    private final PageInfo pageInfo;

    /**
     * Counts on demand for {@code totalCount}. MicroProfile GraphQL's {@code @Ignore} keeps this
     * field out of the schema; it has nothing to do with tests.
     */
    @Ignore private final LongSupplier counter;

    ServiceConnection(Page<ServiceView> page, LongSupplier totalCount) {
        this.edges =
                Pages.edges(
                        page,
                        ServiceView::createdAt,
                        ServiceView::id,
                        Service::of,
                        ServiceEdge::new);
        this.pageInfo = Pages.info(page);
        this.counter = totalCount;
    }

    public @NonNull List<@NonNull ServiceEdge> getEdges() {
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
