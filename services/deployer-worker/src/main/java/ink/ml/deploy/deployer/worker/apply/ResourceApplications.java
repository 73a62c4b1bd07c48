package ink.ml.deploy.deployer.worker.apply;

import ink.ml.deploy.workflow.StepFailure;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Objects;

/**
 * Applying a resource as the activities do: the API server's refusal of an invalid resource (422)
 * is a failure that no retry fixes, told in the server's own words; anything else (an unreachable
 * API server, 5xx, a racing writer's 409) may pass, so it is left to the activity's retry policy.
 */
final class ResourceApplications {
    private static final int UNPROCESSABLE = 422;

    private ResourceApplications() {}

    static void apply(ResourceApplier applier, HasMetadata resource) {
        try {
            applier.apply(resource);
        } catch (KubernetesClientException e) {
            if (e.getCode() == UNPROCESSABLE) {
                throw StepFailure.of(
                        StepFailure.APPLY_REJECTED,
                        "the cluster rejected the "
                                + resource.getKind()
                                + " "
                                + resource.getMetadata().getName()
                                + ": "
                                + serverMessage(e));
            }
            throw e;
        }
    }

    /** The API server's reason, from its Status where it sent one. */
    static String serverMessage(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getStatus().getMessage();
        }
        return Objects.requireNonNullElse(e.getMessage(), "no reason given");
    }
}
