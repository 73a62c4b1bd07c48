package ink.ml.deploy.graphql.api.deployments;

import ink.ml.deploy.graphql.api.pagination.PageInfo;
import ink.ml.deploy.graphql.api.pagination.Pages;
import ink.ml.deploy.platform.deployments.DeploymentView;
import ink.ml.deploy.platform.pagination.Page;
import java.util.List;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

/** A page of a service's deployments, newest first; totalCount only when selected. */
public final class DeploymentConnection {
    private final List<DeploymentEdge> edges;
    private final PageInfo pageInfo;
    private final LongSupplier totalCount;

    DeploymentConnection(Page<DeploymentView> page, LongSupplier totalCount) {
        this.edges =
                Pages.edges(
                        page,
                        DeploymentView::createdAt,
                        DeploymentView::id,
                        Deployment::of,
                        DeploymentEdge::new);
        this.pageInfo = Pages.info(page);
        this.totalCount = totalCount;
    }

    public @NonNull List<@NonNull DeploymentEdge> getEdges() {
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
