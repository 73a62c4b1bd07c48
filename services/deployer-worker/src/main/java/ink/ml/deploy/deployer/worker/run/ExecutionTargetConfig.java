package ink.ml.deploy.deployer.worker.run;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which execution target this region's deployer-worker runs customer workloads on. */
@ConfigMapping(prefix = "mcpdeploy.execution")
public interface ExecutionTargetConfig {

    /**
     * {@code kubernetes} (production: k3s through fabric8) or {@code docker} (one machine: the
     * Docker engine under gVisor, behind the local edge).
     */
    @WithDefault("kubernetes")
    Kind target();

    enum Kind {
        KUBERNETES,
        DOCKER;

        /** The {@link io.smallrye.common.annotation.Identifier} of the target's bean. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
