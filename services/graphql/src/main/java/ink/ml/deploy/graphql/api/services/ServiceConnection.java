package ink.ml.deploy.graphql.api.services;

import ink.ml.deploy.graphql.api.pagination.PageInfo;
import ink.ml.deploy.graphql.api.pagination.Pages;
import ink.ml.deploy.platform.pagination.Page;
import ink.ml.deploy.platform.services.ServiceView;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * A page of a project's services; totalCount (counted only when selected) comes from the API class.
 */
public final class ServiceConnection {
    private final List<ServiceEdge> edges;
    private final PageInfo pageInfo;

    /**
     * The project whose list this is, for the batched {@code totalCount}. MicroProfile GraphQL's
     * {@code @Ignore} keeps it out of the schema.
     */
    @Ignore private final UUID projectId;

    ServiceConnection(Page<ServiceView> page, UUID projectId) {
        this.edges =
                Pages.edges(
                        page,
                        ServiceView::createdAt,
                        ServiceView::id,
                        Service::of,
                        ServiceEdge::new);
        this.pageInfo = Pages.info(page);
        this.projectId = projectId;
    }

    public @NonNull List<@NonNull ServiceEdge> getEdges() {
        return edges;
    }

    public @NonNull PageInfo getPageInfo() {
        return pageInfo;
    }

    /** The project whose list this is: {@code totalCount} counts per project. */
    UUID projectId() {
        return projectId;
    }
}
