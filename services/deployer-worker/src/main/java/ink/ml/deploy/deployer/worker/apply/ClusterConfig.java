package ink.ml.deploy.deployer.worker.apply;

import ink.ml.deploy.domain.Cluster;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.OptionalInt;

/**
 * The cluster this deployer-worker runs in and applies workloads to. The region must match the task
 * queue the worker polls ({@code deployer-{region}}), so both default to {@code MCPDEPLOY_REGION}
 * in application.properties.
 */
@ConfigMapping(prefix = "mcpdeploy.cluster")
public interface ClusterConfig {

    /** Region id, e.g. {@code eu-central-1}. */
    @WithDefault("eu-central-1")
    String region();

    /** Customer services answer at {@code {service}-{project}-{user}.{apps-domain}}. */
    @WithDefault("ml.ink")
    String appsDomain();

    /** Custom domains CNAME to {@code {service}-{project}-{user}.{cname-zone}}. */
    @WithDefault("cname.ml.ink")
    String cnameZone();

    /**
     * How a service's public URL starts: {@code https} in production, {@code http} on one machine.
     * The same key as the product plane's (libs/platform ClusterConfig), so both show one URL.
     */
    @WithDefault("https")
    String urlScheme();

    /** The port of the public URL; the scheme's own when absent (e.g. 8080 on one machine). */
    OptionalInt urlPort();

    /** The validated domain value; a malformed setting fails the first activity, loudly. */
    default Cluster toCluster() {
        return Cluster.configured(region(), appsDomain(), cnameZone(), urlScheme(), urlPort());
    }
}
