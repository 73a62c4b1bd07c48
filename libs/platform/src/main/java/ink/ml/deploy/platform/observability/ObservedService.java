package ink.ml.deploy.platform.observability;

import ink.ml.deploy.domain.Region;
import ink.ml.deploy.domain.ResourcePlan;
import ink.ml.deploy.domain.ServiceRef;
import java.util.Objects;
import java.util.UUID;

/**
 * What a log or metrics source is asked about, taken from the service's own record: its name in the
 * execution plane (namespace and service label), its project's region and its plan. Never from the
 * request, so no caller can point a source at another tenant's lines.
 */
record ObservedService(UUID id, ServiceRef ref, Region region, ResourcePlan plan) {
    ObservedService {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(plan, "plan");
    }
}
