package ink.ml.deploy.deployer.worker.build;

import ink.ml.deploy.buildplan.BuildPlanner;
import ink.ml.deploy.deployer.worker.registry.RegistryAccess;
import ink.ml.deploy.deployer.worker.source.RemoteRepositories;
import ink.ml.deploy.deployer.worker.source.RepositoryCloner;
import ink.ml.deploy.domain.Clusters;
import ink.ml.deploy.domain.RegistryHost;
import ink.ml.deploy.workflow.metrics.DeployStepMeter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Wires the build side from configuration: the {@link ImageBuilder} that {@code
 * mcpdeploy.builder.kind} names, the registry client, the build planner and the pipeline. The
 * classes themselves stay plain, for tests.
 */
@ApplicationScoped
public class BuildBeans {

    @Produces
    @Singleton
    ImageBuilder imageBuilder(BuildConfig config, MeterRegistry meters) {
        DeployStepMeter steps = new DeployStepMeter(meters);
        return switch (config.kind()) {
            case BUILDKIT ->
                    new BuildKitImageBuilder(
                            config.buildkit().binary(),
                            config.buildkit().address(),
                            config.runNetwork(),
                            config.buildkit()
                                    .tls()
                                    .map(
                                            tls ->
                                                    new BuildkitClientTls(
                                                            tls.caCert(), tls.cert(), tls.key())),
                            config.timeout(),
                            steps);
            case DOCKER ->
                    new DockerEngineImageBuilder(
                            config.docker().binary(),
                            config.docker().host(),
                            config.runNetwork(),
                            config.timeout(),
                            steps);
        };
    }

    @Produces
    @Singleton
    RegistryClient registryClient(RegistryConfig config, Clusters clusters, RegistryAccess access) {
        return new RegistryClient(
                // HTTP/1.1: a plain-HTTP registry has no use for the h2c upgrade dance.
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build(),
                config.usesPlainHttp(clusters.home().registry()),
                access);
    }

    /**
     * Detection and generation, with the base images in this cluster's registry; a misconfigured
     * base image stops the worker at start rather than failing builds one by one.
     */
    @Produces
    @Singleton
    BuildPlanner buildPlanner(BaseImagesConfig config, Clusters clusters, RegistryAccess access) {
        return new BuildPlanner(
                ConfiguredBaseImages.of(
                        config, clusters.home().registry().value(), access.baseNamespace()));
    }

    @Produces
    @Singleton
    BuildPipeline buildPipeline(
            RemoteRepositories remotes,
            RepositoryCloner cloner,
            RegistryClient registry,
            ImageBuilder builder,
            RegistryAccess access,
            BuildPlanner planner,
            RegistryConfig config,
            Clusters clusters) {
        RegistryHost host = clusters.home().registry();
        return new BuildPipeline(
                remotes,
                cloner,
                registry,
                builder,
                access,
                planner,
                host.value(),
                config.usesPlainHttp(host));
    }
}
