package ink.ml.deploy.graphql.api.deployments;

import ink.ml.deploy.graphql.api.pagination.PageInfo;
import ink.ml.deploy.graphql.api.pagination.Pages;
import ink.ml.deploy.platform.deployments.DeploymentView;
import ink.ml.deploy.platform.pagination.Page;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

/** A page of a service's deployments, newest first; totalCount only when selected. */
public final class DeploymentConnection {
    private final List<DeploymentEdge> edges;
    private final PageInfo pageInfo;

    /**
     * The service whose list this is, for the batched {@code totalCount}. MicroProfile GraphQL's
     * {@code @Ignore} keeps it out of the schema.
     */
    @Ignore private final UUID serviceId;

    DeploymentConnection(Page<DeploymentView> page, UUID serviceId) {
        this.edges =
                Pages.edges(
                        page,
                        DeploymentView::createdAt,
                        DeploymentView::id,
                        Deployment::of,
                        DeploymentEdge::new);
        this.pageInfo = Pages.info(page);
        this.serviceId = serviceId;
    }

    public @NonNull List<@NonNull DeploymentEdge> getEdges() {
        return edges;
    }

    public @NonNull PageInfo getPageInfo() {
        return pageInfo;
    }

    /** The service whose list this is: {@code totalCount} counts per service. */
    UUID serviceId() {
        return serviceId;
    }
}
