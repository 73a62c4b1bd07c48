package ink.ml.deploy.domain;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One execution-plane cluster: its region, the apps domain its customer services are reachable
 * under, and the zone that holds the per-service CNAME targets for custom domains.
 */
public record Cluster(Region region, String appsDomain, String cnameZone) {
    /** The seed's production cluster. */
    public static final Cluster EU_CENTRAL_1 =
            new Cluster(Region.of("eu-central-1"), "ml.ink", "cname.ml.ink");

    public Cluster {
        Objects.requireNonNull(region, "region");
        requireZone("appsDomain", appsDomain);
        requireZone("cnameZone", cnameZone);
    }

    private static void requireZone(String field, String zone) {
        if (zone == null || zone.isEmpty()) {
            throw new InvalidValueException(field, "must not be empty");
        }
        if (!zone.equals(zone.toLowerCase(Locale.ROOT))) {
            throw new InvalidValueException(field, "must be lowercase");
        }
        HostName.requireAscii(field, zone);
    }

    /** The Temporal task queue this cluster's deployer-worker polls: {@code deployer-{region}}. */
    public String taskQueue() {
        return TaskQueues.deployer(region);
    }

    /**
     * Where the service answers on the platform: {@code {service}-{project}-{user}.{appsDomain}}.
     */
    public String platformHostname(ServiceRef service) {
        return service.hostLabel() + "." + appsDomain;
    }

    /** What a custom domain's CNAME must point to: {@code {service label}.{cnameZone}}. */
    public String cnameTarget(ServiceRef service) {
        return service.hostLabel() + "." + cnameZone;
    }

    /** Zones the platform owns; no customer may claim a name inside them. */
    public List<String> platformZones() {
        return cnameZone.endsWith("." + appsDomain)
                ? List.of(appsDomain)
                : List.of(appsDomain, cnameZone);
    }
}
