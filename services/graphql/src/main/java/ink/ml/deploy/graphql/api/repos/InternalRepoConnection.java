package ink.ml.deploy.graphql.api.repos;

import ink.ml.deploy.graphql.api.pagination.PageInfo;
import ink.ml.deploy.graphql.api.pagination.Pages;
import ink.ml.deploy.platform.pagination.Page;
import ink.ml.deploy.platform.repos.InternalRepoView;
import java.util.List;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

/** A page of a project's repositories; totalCount is counted only when selected. */
public final class InternalRepoConnection {
    private final List<InternalRepoEdge> edges;
    private final PageInfo pageInfo;

    /**
     * Counts on demand for {@code totalCount}. MicroProfile GraphQL's {@code @Ignore} keeps this
     * field out of the schema; it has nothing to do with tests.
     */
    @Ignore private final LongSupplier counter;

    InternalRepoConnection(Page<InternalRepoView> page, LongSupplier totalCount) {
        this.edges =
                Pages.edges(
                        page,
                        InternalRepoView::createdAt,
                        InternalRepoView::id,
                        InternalRepo::of,
                        InternalRepoEdge::new);
        this.pageInfo = Pages.info(page);
        this.counter = totalCount;
    }

    public @NonNull List<@NonNull InternalRepoEdge> getEdges() {
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
