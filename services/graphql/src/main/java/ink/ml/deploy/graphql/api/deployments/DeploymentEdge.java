package ink.ml.deploy.graphql.api.deployments;

import org.eclipse.microprofile.graphql.NonNull;

public record DeploymentEdge(@NonNull String cursor, @NonNull Deployment node) {}
