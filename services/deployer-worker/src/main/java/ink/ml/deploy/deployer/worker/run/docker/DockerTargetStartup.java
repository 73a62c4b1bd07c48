package ink.ml.deploy.deployer.worker.run.docker;

import ink.ml.deploy.domain.Clusters;
import ink.ml.deploy.domain.ExecutionTargetKind;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Where this deployer-worker's cluster runs on Docker ({@code execution-target=docker}): at start,
 * checks the engine and its runtime, says loudly when apps run without gVisor, installs the host
 * firewall and starts the runtime monitor (which adopts the containers already running). On any
 * other target it does nothing.
 */
@ApplicationScoped
public class DockerTargetStartup {
    private static final Logger LOG = Logger.getLogger(DockerTargetStartup.class);

    private final Clusters clusters;
    private final DockerTargetConfig config;
    private final AppEngineConnection engine;
    private final DockerExecutionTarget executionTarget;
    private final DockerRuntimeMonitor monitor;

    public DockerTargetStartup(
            Clusters clusters,
            DockerTargetConfig config,
            AppEngineConnection engine,
            @Identifier("docker") DockerExecutionTarget executionTarget,
            DockerRuntimeMonitor monitor) {
        this.clusters = clusters;
        this.config = config;
        this.engine = engine;
        this.executionTarget = executionTarget;
        this.monitor = monitor;
    }

    void onStart(@Observes StartupEvent event) {
        if (clusters.home().executionTarget() != ExecutionTargetKind.DOCKER) {
            return;
        }
        // Refuses an unsandboxed runtime nobody consented to, before anything runs.
        DockerExecutionTarget.requireSandboxOrConsent(config);
        DockerEngineClients.requireRuntime(engine.client(), config.runtime());
        if (!DockerExecutionTarget.isSandboxed(config)) {
            LOG.warnf(
                    "CUSTOMER APPS RUN WITHOUT gVisor: mcpdeploy.docker.runtime=%s with"
                            + " mcpdeploy.docker.allow-unsandboxed=true. An app can attack this"
                            + " machine's kernel; use this only for your own code.",
                    config.runtime());
        }
        if (config.installFirewall()) {
            HostFirewall.from(config).install();
        } else {
            LOG.warnf(
                    "mcpdeploy.docker.install-firewall=false: nothing here keeps customer"
                            + " containers from this host's services unless table %s is"
                            + " installed otherwise",
                    config.firewallTable());
        }
        LOG.infof("execution target: %s", executionTarget.description());
        monitor.start(config.monitorInterval());
    }
}
