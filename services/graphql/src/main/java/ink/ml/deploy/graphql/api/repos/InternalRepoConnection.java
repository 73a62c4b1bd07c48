package ink.ml.deploy.graphql.api.repos;

import ink.ml.deploy.graphql.api.pagination.PageInfo;
import ink.ml.deploy.graphql.api.pagination.Pages;
import ink.ml.deploy.platform.pagination.Page;
import ink.ml.deploy.platform.repos.InternalRepoView;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

/** A page of a project's repositories; totalCount is counted only when selected. */
public final class InternalRepoConnection {
    private final List<InternalRepoEdge> edges;
    private final PageInfo pageInfo;

    /**
     * The project whose list this is, for the batched {@code totalCount}. MicroProfile GraphQL's
     * {@code @Ignore} keeps it out of the schema.
     */
    @Ignore private final UUID projectId;

    InternalRepoConnection(Page<InternalRepoView> page, UUID projectId) {
        this.edges =
                Pages.edges(
                        page,
                        InternalRepoView::createdAt,
                        InternalRepoView::id,
                        InternalRepo::of,
                        InternalRepoEdge::new);
        this.pageInfo = Pages.info(page);
        this.projectId = projectId;
    }

    public @NonNull List<@NonNull InternalRepoEdge> getEdges() {
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
