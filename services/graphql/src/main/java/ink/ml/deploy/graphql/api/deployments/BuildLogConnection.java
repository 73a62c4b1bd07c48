package ink.ml.deploy.graphql.api.deployments;

import ink.ml.deploy.graphql.api.pagination.PageInfo;
import ink.ml.deploy.platform.deployments.LogLineView;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

/** A page of build output; like events, no totalCount while it grows. */
@Description("A page of a deployment's build output, first line first.")
public record BuildLogConnection(
        @NonNull List<@NonNull BuildLogEdge> edges, @NonNull PageInfo pageInfo) {

    static BuildLogConnection of(List<LogLineView> rows, int first) {
        boolean hasNext = rows.size() > first;
        List<BuildLogEdge> edges =
                rows.subList(0, Math.min(first, rows.size())).stream()
                        .map(
                                row ->
                                        new BuildLogEdge(
                                                Integer.toString(row.lineNo()),
                                                BuildLogLine.of(row)))
                        .toList();
        return new BuildLogConnection(
                edges,
                new PageInfo(
                        hasNext, edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()));
    }
}
