package ink.ml.deploy.graphql.api.projects;

import ink.ml.deploy.graphql.api.pagination.PageInfo;
import ink.ml.deploy.graphql.api.pagination.Pages;
import ink.ml.deploy.platform.pagination.Page;
import ink.ml.deploy.platform.projects.ProjectView;
import java.util.List;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

/** A page of projects; totalCount is counted only when a client selects it. */
public final class ProjectConnection {
    private final List<ProjectEdge> edges;
    private final PageInfo pageInfo;
    private final LongSupplier totalCount;

    ProjectConnection(Page<ProjectView> page, LongSupplier totalCount) {
        this.edges =
                Pages.edges(
                        page,
                        ProjectView::createdAt,
                        ProjectView::id,
                        Project::of,
                        ProjectEdge::new);
        this.pageInfo = Pages.info(page);
        this.totalCount = totalCount;
    }

    public @NonNull List<@NonNull ProjectEdge> getEdges() {
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
