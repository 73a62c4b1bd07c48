package ink.ml.deploy.deployer.worker.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Writes one resource so that the API server ends up holding exactly what we built, whether or not
 * it existed before. Never a blind create: applying the same resource twice is a no-op.
 */
public interface ResourceApplier {

    /**
     * @return the resource as the API server stored it
     * @throws io.fabric8.kubernetes.client.KubernetesClientException when the API server refuses it
     *     (code 422 for an invalid resource) or cannot be reached
     */
    HasMetadata apply(HasMetadata resource);
}
