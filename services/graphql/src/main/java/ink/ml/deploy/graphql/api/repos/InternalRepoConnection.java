package ink.ml.deploy.graphql.api.repos;

import ink.ml.deploy.graphql.api.pagination.PageInfo;
import ink.ml.deploy.graphql.api.pagination.Pages;
import ink.ml.deploy.platform.pagination.Page;
import ink.ml.deploy.platform.repos.InternalRepoView;
import java.util.List;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

/** A page of a project's repositories; totalCount is counted only when selected. */
public final class InternalRepoConnection {
    private final List<InternalRepoEdge> edges;
    private final PageInfo pageInfo;
    private final LongSupplier totalCount;

    InternalRepoConnection(Page<InternalRepoView> page, LongSupplier totalCount) {
        this.edges =
                Pages.edges(
                        page,
                        InternalRepoView::createdAt,
                        InternalRepoView::id,
                        InternalRepo::of,
                        InternalRepoEdge::new);
        this.pageInfo = Pages.info(page);
        this.totalCount = totalCount;
    }

    public @NonNull List<@NonNull InternalRepoEdge> getEdges() {
        return edges;
    }

    public @NonNull PageInfo getPageInfo() {
        return pageInfo;
    }

    @Description("How many there are in all pages together.")
    public long getTotalCount() {
        return totalCount.getAsLong();
    }
}
