package ink.ml.deploy.graphql.api.deployments;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How subscriptions follow a running deployment. */
@ConfigMapping(prefix = "mcpdeploy.graphql.subscriptions")
public interface FollowConfig {
    /**
     * How often a follower looks for new events and log lines: the latency a client sees, against
     * one small indexed query per follower and interval.
     */
    @WithDefault("500ms")
    Duration pollInterval();
}
