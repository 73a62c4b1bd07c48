package ink.ml.deploy.cluster;

import ink.ml.deploy.domain.Cluster;
import ink.ml.deploy.domain.Clusters;
import ink.ml.deploy.domain.ExecutionTargetKind;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.domain.Region;
import ink.ml.deploy.domain.RegistryHost;
import ink.ml.deploy.domain.UrlScheme;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * Every execution-plane cluster, keyed by region ({@code mcpdeploy.clusters.*}): the one mapping
 * the product plane (hostnames, URLs, image references) and the deployer-worker (what it applies,
 * where it pushes) both read, so the URL an API shows is the one the cluster's edge answers.
 * Production's cluster is the default, in this library's {@code
 * META-INF/microprofile-config.properties}.
 */
@ConfigMapping(prefix = "mcpdeploy.clusters")
public interface ClustersConfig {
    String PREFIX = "mcpdeploy.clusters";

    /**
     * This process's region: the product plane places new projects in it; a deployer-worker serves
     * only its cluster and polls {@code deployer-{region}}. It must be one of {@link #regions()}.
     */
    String homeRegion();

    /** The clusters by region id, e.g. {@code mcpdeploy.clusters.regions.eu-central-1.*}. */
    Map<String, ClusterSettings> regions();

    /** One region's cluster. */
    interface ClusterSettings {
        /**
         * Customer services answer at {@code {service}-{project}-{user}.{apps-domain}}; {@code
         * localhost} on one machine.
         */
        String appsDomain();

        /** Custom domains CNAME to {@code {service}-{project}-{user}.{cname-zone}}. */
        String cnameZone();

        /** What the edge answers public requests with: {@code https}, or {@code http} locally. */
        @WithDefault("https")
        String urlScheme();

        /** The edge's public port; when unset, the scheme's own (443 or 80), left out of URLs. */
        OptionalInt urlPort();

        /** The registry builds push to and the cluster pulls from, {@code host[:port]}. */
        String registry();

        /** What the deployer-worker runs workloads on: {@code kubernetes} or {@code docker}. */
        @WithDefault("kubernetes")
        ExecutionTargetKind executionTarget();
    }

    /**
     * The validated clusters. A malformed setting is refused with its full key and the rule, e.g.
     * {@code mcpdeploy.clusters.regions.eu-central-1.apps-domain: must be lowercase}.
     */
    default Clusters toClusters() {
        List<Cluster> clusters = new ArrayList<>();
        regions().forEach((region, settings) -> clusters.add(cluster(region, settings)));
        String home = PREFIX + ".home-region";
        return refusedAs(home, () -> Clusters.of(Region.of(homeRegion()), clusters));
    }

    private static Cluster cluster(String region, ClusterSettings settings) {
        String key = PREFIX + ".regions." + region;
        Region id = refusedAs(key, () -> Region.of(region));
        UrlScheme scheme =
                refusedAs(key + ".url-scheme", () -> UrlScheme.parse(settings.urlScheme()));
        RegistryHost registry =
                refusedAs(key + ".registry", () -> RegistryHost.of(settings.registry()));
        try {
            return new Cluster(
                    id,
                    settings.appsDomain(),
                    settings.cnameZone(),
                    scheme,
                    settings.urlPort().orElse(scheme.defaultPort()),
                    registry,
                    settings.executionTarget());
        } catch (InvalidValueException invalid) {
            // The domain names its field in camel case (appsDomain); the setting is apps-domain.
            String field = invalid.field().replaceAll("([a-z])([A-Z])", "$1-$2");
            throw new InvalidValueException(
                    key + "." + field.toLowerCase(Locale.ROOT), invalid.rule());
        }
    }

    /**
     * Runs {@code build}, refusing a broken rule under the setting's key rather than the domain's
     * name.
     */
    private static <T> T refusedAs(String key, Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidValueException invalid) {
            throw new InvalidValueException(key, invalid.rule());
        }
    }
}
