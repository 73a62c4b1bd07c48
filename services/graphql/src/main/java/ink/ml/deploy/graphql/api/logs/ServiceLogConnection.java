package ink.ml.deploy.graphql.api.logs;

import ink.ml.deploy.graphql.api.pagination.PageInfo;
import ink.ml.deploy.platform.observability.RuntimeLogPage;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

/** A page of runtime lines: pages go back in time, so the cursor to follow is the oldest line's. */
@Description(
        "A page of a service's runtime output, oldest first and the newest last. hasNextPage means"
                + " older lines exist in the window: pass pageInfo.endCursor (the first, oldest"
                + " line's cursor) as after to read them.")
public record ServiceLogConnection(
        @NonNull List<@NonNull ServiceLogEdge> edges, @NonNull PageInfo pageInfo) {

    static ServiceLogConnection of(RuntimeLogPage page) {
        List<ServiceLogEdge> edges =
                page.lines().stream()
                        .map(
                                line ->
                                        new ServiceLogEdge(
                                                page.cursorOlderThan(line),
                                                ServiceLogLine.of(line)))
                        .toList();
        return new ServiceLogConnection(
                edges, new PageInfo(page.hasOlder(), page.olderCursor().orElse(null)));
    }
}
