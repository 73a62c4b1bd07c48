package ink.ml.deploy.graphql.api.projects;

import org.eclipse.microprofile.graphql.NonNull;

public record ProjectEdge(@NonNull String cursor, @NonNull Project node) {}
