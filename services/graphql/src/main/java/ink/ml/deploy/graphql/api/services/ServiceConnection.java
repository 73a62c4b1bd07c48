package ink.ml.deploy.graphql.api.services;

import ink.ml.deploy.graphql.api.pagination.PageInfo;
import ink.ml.deploy.graphql.api.pagination.Pages;
import ink.ml.deploy.platform.pagination.Page;
import ink.ml.deploy.platform.services.ServiceView;
import java.util.List;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

/** A page of a project's services; totalCount is counted only when a client selects it. */
public final class ServiceConnection {
    private final List<ServiceEdge> edges;
    private final PageInfo pageInfo;
    private final LongSupplier totalCount;

    ServiceConnection(Page<ServiceView> page, LongSupplier totalCount) {
        this.edges =
                Pages.edges(
                        page,
                        ServiceView::createdAt,
                        ServiceView::id,
                        Service::of,
                        ServiceEdge::new);
        this.pageInfo = Pages.info(page);
        this.totalCount = totalCount;
    }

    public @NonNull List<@NonNull ServiceEdge> getEdges() {
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
