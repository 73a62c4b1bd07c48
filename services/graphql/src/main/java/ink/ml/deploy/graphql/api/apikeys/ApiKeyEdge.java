package ink.ml.deploy.graphql.api.apikeys;

import org.eclipse.microprofile.graphql.NonNull;

public record ApiKeyEdge(@NonNull String cursor, @NonNull ApiKey node) {}
