package ink.ml.deploy.graphql.api.logs;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

public record ServiceLogEdge(
        @NonNull @Description("Pass it as after to read the lines older than this one.")
                String cursor,
        @NonNull ServiceLogLine node) {}
