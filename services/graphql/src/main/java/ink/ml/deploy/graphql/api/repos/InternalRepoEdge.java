package ink.ml.deploy.graphql.api.repos;

import org.eclipse.microprofile.graphql.NonNull;

public record InternalRepoEdge(@NonNull String cursor, @NonNull InternalRepo node) {}
