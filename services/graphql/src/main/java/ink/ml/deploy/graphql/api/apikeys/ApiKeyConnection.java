package ink.ml.deploy.graphql.api.apikeys;

import ink.ml.deploy.graphql.api.pagination.PageInfo;
import ink.ml.deploy.graphql.api.pagination.Pages;
import ink.ml.deploy.platform.apikeys.ApiKeyView;
import ink.ml.deploy.platform.pagination.Page;
import java.util.List;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

/** A page of API keys; totalCount is counted only when a client selects it. */
public final class ApiKeyConnection {
    private final List<ApiKeyEdge> edges;
    private final PageInfo pageInfo;
    private final LongSupplier totalCount;

    ApiKeyConnection(Page<ApiKeyView> page, LongSupplier totalCount) {
        this.edges =
                Pages.edges(
                        page, ApiKeyView::createdAt, ApiKeyView::id, ApiKey::of, ApiKeyEdge::new);
        this.pageInfo = Pages.info(page);
        this.totalCount = totalCount;
    }

    public @NonNull List<@NonNull ApiKeyEdge> getEdges() {
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
