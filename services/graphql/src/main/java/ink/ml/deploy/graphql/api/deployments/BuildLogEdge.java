package ink.ml.deploy.graphql.api.deployments;

import org.eclipse.microprofile.graphql.NonNull;

public record BuildLogEdge(@NonNull String cursor, @NonNull BuildLogLine node) {}
