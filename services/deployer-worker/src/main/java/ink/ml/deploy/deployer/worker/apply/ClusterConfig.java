package ink.ml.deploy.deployer.worker.apply;

import ink.ml.deploy.domain.Cluster;
import ink.ml.deploy.domain.Region;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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

    /** The validated domain value; a malformed setting fails the first activity, loudly. */
    default Cluster toCluster() {
        return new Cluster(Region.of(region()), appsDomain(), cnameZone());
    }
}
