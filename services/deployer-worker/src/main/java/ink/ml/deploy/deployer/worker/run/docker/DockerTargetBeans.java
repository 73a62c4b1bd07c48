package ink.ml.deploy.deployer.worker.run.docker;

import ink.ml.deploy.deployer.worker.domain.CustomDomainTarget;
import ink.ml.deploy.deployer.worker.registry.RegistryAccess;
import ink.ml.deploy.deployer.worker.run.ExecutionTarget;
import ink.ml.deploy.deployer.worker.run.RuntimeStatusReporter;
import ink.ml.deploy.deployer.worker.run.edge.EdgeDomains;
import ink.ml.deploy.deployer.worker.run.edge.EdgeRoutes;
import ink.ml.deploy.domain.Clusters;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

/**
 * The single-host target's beans. Each is made on its first use, so a worker on the Kubernetes
 * target never connects to Docker nor needs an edge; the edge and the status reporter are looked up
 * only then, too. The target answers for {@code ExecutionTarget} only under its identifier, {@code
 * docker}: the workload activities pick it when the cluster's {@code execution-target=docker}, and
 * the custom-domain activities pick its {@link DockerCustomDomainTarget} likewise.
 */
@ApplicationScoped
public class DockerTargetBeans {

    @Produces
    @Singleton
    RolloutsInFlight rolloutsInFlight() {
        return new RolloutsInFlight();
    }

    @Produces
    @ApplicationScoped
    @Identifier("docker")
    @Typed({DockerExecutionTarget.class, ExecutionTarget.class})
    DockerExecutionTarget dockerExecutionTarget(
            AppEngineConnection engine,
            DockerTargetConfig config,
            RegistryAccess registryAccess,
            Instance<EdgeRoutes> edge,
            Instance<EdgeDomains> domains,
            RolloutsInFlight rollouts) {
        return new DockerExecutionTarget(
                engine.client(), config, registryAccess, edge.get(), domains.get(), rollouts);
    }

    @Produces
    @ApplicationScoped
    @Identifier("docker")
    @Typed({DockerCustomDomainTarget.class, CustomDomainTarget.class})
    DockerCustomDomainTarget dockerCustomDomainTarget(
            Instance<EdgeDomains> domains, AcmeConfig acme, Clusters clusters) {
        return DockerCustomDomainTarget.from(
                domains.get(), acme, clusters.home()::platformHostname);
    }

    void stop(@Disposes DockerCustomDomainTarget target) {
        target.close();
    }

    @Produces
    @ApplicationScoped
    @Typed(DockerRuntimeMonitor.class)
    DockerRuntimeMonitor dockerRuntimeMonitor(
            AppEngineConnection engine,
            Instance<EdgeRoutes> edge,
            Instance<RuntimeStatusReporter> reporter,
            RolloutsInFlight rollouts) {
        return new DockerRuntimeMonitor(engine.client(), edge.get(), reporter.get(), rollouts);
    }

    void stop(@Disposes DockerRuntimeMonitor monitor) {
        monitor.close();
    }
}
