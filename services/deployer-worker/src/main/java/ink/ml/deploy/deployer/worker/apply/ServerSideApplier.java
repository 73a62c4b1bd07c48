package ink.ml.deploy.deployer.worker.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Server-side apply under one fixed field manager. The API server merges field by field and records
 * us as owner of what we set, so fields another controller owns (an HPA's replicas, a mutating
 * webhook's additions) survive, and a field we stop setting (a removed variable) is removed.
 * Conflicts are forced: the platform is the authority over what it builds.
 */
public final class ServerSideApplier implements ResourceApplier {
    public static final String FIELD_MANAGER = "mcpdeploy-deployer";

    private final KubernetesClient client;

    public ServerSideApplier(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public HasMetadata apply(HasMetadata resource) {
        return client.resource(resource)
                .fieldManager(FIELD_MANAGER)
                .forceConflicts()
                .serverSideApply();
    }
}
