package ink.ml.deploy.graphql.api.deployments;

import org.eclipse.microprofile.graphql.NonNull;

public record DeploymentEventEdge(@NonNull String cursor, @NonNull DeploymentEvent node) {}
