package ink.ml.deploy.graphql.api.pagination;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

/** Where a page ends and whether another follows (Relay's PageInfo, forward only). */
@Description("Where this page ends and whether another follows.")
public record PageInfo(
        @NonNull @Description("True when another page follows: pass endCursor as after.")
                boolean hasNextPage,
        @Description("The cursor of the last item of this page; null for an empty page.")
                String endCursor) {}
