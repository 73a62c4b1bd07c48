package ink.ml.deploy.deployer.worker.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;

/**
 * Creates the resource, or replaces it with ours when it exists. For API servers that cannot do
 * server-side apply: the fabric8 mock API server (CRUD mode) answers the apply patch type with 415
 * Unsupported Media Type. Unlike {@link ServerSideApplier}, it overwrites fields other controllers
 * set, so production uses server-side apply.
 */
public final class CreateOrUpdateApplier implements ResourceApplier {
    private final KubernetesClient client;

    public CreateOrUpdateApplier(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public HasMetadata apply(HasMetadata resource) {
        return client.resource(resource).createOr(NonDeletingOperation::update);
    }
}
