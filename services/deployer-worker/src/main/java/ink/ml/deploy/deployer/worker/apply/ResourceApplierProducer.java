package ink.ml.deploy.deployer.worker.apply;

import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Picks the {@link ResourceApplier} that {@code mcpdeploy.workload.apply-mode} names. */
@ApplicationScoped
public class ResourceApplierProducer {

    @Produces
    @ApplicationScoped
    ResourceApplier resourceApplier(KubernetesClient client, WorkloadConfig config) {
        return switch (config.applyMode()) {
            case SERVER_SIDE -> new ServerSideApplier(client);
            case CREATE_OR_UPDATE -> new CreateOrUpdateApplier(client);
        };
    }
}
