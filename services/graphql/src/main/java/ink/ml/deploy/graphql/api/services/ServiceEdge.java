package ink.ml.deploy.graphql.api.services;

import org.eclipse.microprofile.graphql.NonNull;

public record ServiceEdge(@NonNull String cursor, @NonNull Service node) {}
