package ink.ml.deploy.platform.cluster;

import ink.ml.deploy.domain.Cluster;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.OptionalInt;

/**
 * The execution-plane cluster the product plane's projects run on, with the keys the
 * deployer-worker reads ({@code mcpdeploy.cluster.*}), so that the URL an API shows is the one the
 * cluster's edge answers. The defaults are the production cluster's; each service's
 * application.properties points the keys at the environment variables the deployer-worker uses.
 */
@ConfigMapping(prefix = "mcpdeploy.cluster")
public interface ClusterConfig {

    /** Region id, e.g. {@code eu-central-1}; new projects are placed in it. */
    @WithDefault("eu-central-1")
    String region();

    /**
     * Customer services answer at {@code {service}-{project}-{user}.{apps-domain}}; {@code
     * localhost} on one machine.
     */
    @WithDefault("ml.ink")
    String appsDomain();

    /** Custom domains CNAME to {@code {service}-{project}-{user}.{cname-zone}}. */
    @WithDefault("cname.ml.ink")
    String cnameZone();

    /** What the edge answers public requests with: {@code https}, or {@code http} locally. */
    @WithDefault("https")
    String urlScheme();

    /** The edge's public port; when unset, the scheme's own (443 or 80), left out of URLs. */
    OptionalInt urlPort();

    /** The validated domain value; a malformed setting names the field and the rule. */
    default Cluster toCluster() {
        return Cluster.configured(region(), appsDomain(), cnameZone(), urlScheme(), urlPort());
    }
}
