package ink.ml.deploy.graphql.api.deployments;

import ink.ml.deploy.graphql.api.pagination.PageInfo;
import ink.ml.deploy.platform.deployments.DeploymentEventView;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * A page of a deployment's events in the order recorded. No totalCount: the list grows while a
 * deployment runs, so a count would be stale at once; follow with the deploymentEvents
 * subscription.
 */
@Description("A page of a deployment's events, oldest first.")
public record DeploymentEventConnection(
        @NonNull List<@NonNull DeploymentEventEdge> edges, @NonNull PageInfo pageInfo) {

    /** From up to {@code first + 1} rows: the extra one only tells that another page follows. */
    static DeploymentEventConnection of(List<DeploymentEventView> rows, int first) {
        boolean hasNext = rows.size() > first;
        List<DeploymentEventEdge> edges =
                rows.subList(0, Math.min(first, rows.size())).stream()
                        .map(
                                row ->
                                        new DeploymentEventEdge(
                                                Long.toString(row.id()), DeploymentEvent.of(row)))
                        .toList();
        return new DeploymentEventConnection(
                edges,
                new PageInfo(
                        hasNext, edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()));
    }
}
