package ink.ml.deploy.domain;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One execution-plane cluster: its region, the apps domain its customer services are reachable
 * under, the zone that holds the per-service CNAME targets for custom domains, how its edge is
 * reached from outside (scheme and port), the registry its images live in and what runs its
 * workloads. Together they are the one rule for a service's public URL, its deployer's task queue
 * and its image references, so that every API shows the address that really answers.
 *
 * @param urlScheme what the edge answers with: {@code https} in production, {@code http} locally
 * @param urlPort the edge's public port; left out of URLs when it is the scheme's default
 * @param registry where builds push and the cluster pulls: {@code host[:port]} of image references
 * @param executionTarget what the cluster's deployer-worker runs workloads on
 */
public record Cluster(
        Region region,
        String appsDomain,
        String cnameZone,
        UrlScheme urlScheme,
        int urlPort,
        RegistryHost registry,
        ExecutionTargetKind executionTarget) {
    /**
     * RFC 6761: every name under {@code localhost} is loopback in curl and browsers, so it is the
     * one single-label apps domain allowed (the one-machine platform's).
     */
    public static final String LOCALHOST = "localhost";

    public Cluster {
        Objects.requireNonNull(region, "region");
        if (!LOCALHOST.equals(appsDomain)) {
            requireZone("appsDomain", appsDomain);
        }
        requireZone("cnameZone", cnameZone);
        Objects.requireNonNull(urlScheme, "urlScheme");
        if (urlPort < 1 || urlPort > 65535) {
            throw new InvalidValueException(
                    "urlPort", "must be between 1 and 65535 (got " + urlPort + ")");
        }
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(executionTarget, "executionTarget");
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

    /**
     * The URL the service answers at through the edge, without a trailing slash: e.g. {@code
     * https://web-shop-u42.ml.ink}, or {@code http://web-shop-u42.localhost:8080} on one machine.
     */
    public String publicUrl(ServiceRef service) {
        String port = urlPort == urlScheme.defaultPort() ? "" : ":" + urlPort;
        return urlScheme.value() + "://" + platformHostname(service) + port;
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
