package ink.ml.deploy.workflow.domain;

import java.time.Instant;

/**
 * A custom domain as its workflow starts a run.
 *
 * @param exists false when the domain was removed or its service deleted: the run ends; the other
 *     fields but {@code timings} are then null
 * @param resources what names its resources in its cluster
 * @param active its certificate is issued and its TLS route served: the run goes straight to
 *     checking its records on a schedule
 * @param recordsMissingSince when its records were first found gone, null when they are in place
 * @param timings how long and how often the workflow waits
 */
public record LoadedDomain(
        boolean exists,
        DomainResources resources,
        boolean active,
        Instant recordsMissingSince,
        DomainTimings timings) {
    public static LoadedDomain gone(DomainTimings timings) {
        return new LoadedDomain(false, null, false, null, timings);
    }
}
