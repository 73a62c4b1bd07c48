package ink.ml.deploy.platform.services;

import ink.ml.deploy.domain.Region;
import ink.ml.deploy.domain.ServiceRef;
import java.util.Objects;
import java.util.UUID;

/**
 * A service the delete workflow is removing: what names its resources in the cluster.
 *
 * @param region the region of the cluster that runs it
 * @param lastOfProject no other live service is left in its project, so the project's namespace may
 *     go too
 */
public record RetiredService(UUID id, ServiceRef ref, Region region, boolean lastOfProject) {
    public RetiredService {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(region, "region");
    }
}
