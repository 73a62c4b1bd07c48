package ink.ml.deploy.deployer.worker.run.docker;

import com.github.dockerjava.api.DockerClient;
import ink.ml.deploy.deployer.worker.registry.RegistryAccess;
import ink.ml.deploy.domain.AppPort;
import ink.ml.deploy.domain.Cluster;
import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.EnvVarName;
import ink.ml.deploy.domain.ExecutionTargetKind;
import ink.ml.deploy.domain.ImageRef;
import ink.ml.deploy.domain.Region;
import ink.ml.deploy.domain.RegistryHost;
import ink.ml.deploy.domain.ResourcePlan;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.domain.UrlScheme;
import ink.ml.deploy.k8s.ImagePull;
import ink.ml.deploy.k8s.ServiceSpec;
import ink.ml.deploy.testing.AppEngineProcess;
import ink.ml.deploy.testing.RegistryProcess;
import java.security.SecureRandom;
import java.util.Map;

/**
 * A registry, a private app engine with runsc, the test apps in the registry and the host firewall
 * under a table and bridge prefix of this fixture's own: what the Docker target's tests run
 * against. Made once per test class.
 */
final class AppEngineFixture implements AutoCloseable {
    static final Cluster LOCAL =
            new Cluster(
                    Region.of("eu-central-1"),
                    "apps.localhost",
                    "cname.apps.localhost",
                    UrlScheme.HTTPS,
                    443,
                    RegistryHost.DEFAULT,
                    ExecutionTargetKind.DOCKER);

    private static final SecureRandom RANDOM = new SecureRandom();

    final RegistryProcess registry;
    final AppEngineProcess engine;
    final DockerClient docker;
    final AppImages images;
    final TestDockerTargetConfig config;
    final HostFirewall firewall;

    private AppEngineFixture(
            RegistryProcess registry,
            AppEngineProcess engine,
            DockerClient docker,
            AppImages images,
            TestDockerTargetConfig config,
            HostFirewall firewall) {
        this.registry = registry;
        this.engine = engine;
        this.docker = docker;
        this.images = images;
        this.config = config;
        this.firewall = firewall;
    }

    static AppEngineFixture start() throws Exception {
        RegistryProcess registry = RegistryProcess.startOrSkip();
        AppEngineProcess engine;
        try {
            engine = AppEngineProcess.startOrSkip(registry.host());
        } catch (RuntimeException | Error e) {
            registry.close();
            throw e;
        }
        DockerClient docker = null;
        HostFirewall firewall = null;
        try {
            docker = DockerEngineClients.connect(engine.host());
            AppImages images = AppImages.build(engine, registry.host());
            String prefix =
                    "dt" + (char) ('a' + RANDOM.nextInt(26)) + (char) ('a' + RANDOM.nextInt(26));
            TestDockerTargetConfig config =
                    TestDockerTargetConfig.of(
                            engine.host(), prefix, "mcpdeploy_apps_test_" + prefix);
            firewall = HostFirewall.from(config);
            firewall.install();
            return new AppEngineFixture(registry, engine, docker, images, config, firewall);
        } catch (Exception | Error e) {
            if (firewall != null) {
                firewall.remove();
            }
            if (docker != null) {
                docker.close();
            }
            engine.close();
            registry.close();
            throw e;
        }
    }

    DockerExecutionTarget target(
            TestDockerTargetConfig config, InMemoryEdgeRoutes edge, RolloutsInFlight rollouts) {
        return new DockerExecutionTarget(
                docker,
                config,
                RegistryAccess.anonymous(),
                edge,
                new InMemoryEdgeDomains(),
                rollouts);
    }

    DockerExecutionTarget target(InMemoryEdgeRoutes edge) {
        return target(config, edge, new RolloutsInFlight());
    }

    static ServiceSpec spec(
            ServiceRef service, String deployment, ImageRef image, Map<String, String> env) {
        Map<EnvVarName, String> variables = new java.util.LinkedHashMap<>();
        env.forEach((name, value) -> variables.put(EnvVarName.of(name), value));
        return new ServiceSpec(
                service,
                DeploymentId.of(deployment),
                image,
                ImagePull.ANONYMOUS,
                AppPort.of(8080),
                new ResourcePlan(256, 500),
                LOCAL,
                variables);
    }

    /** Where {@code service} answers on {@link #LOCAL}. */
    static String hostname(ServiceRef service) {
        return LOCAL.platformHostname(service);
    }

    /** A 40-hex commit sha made of one repeated digit, e.g. {@code sha('1')}. */
    static String sha(char digit) {
        return String.valueOf(digit).repeat(40);
    }

    /** A user id of its own per test, so tests never share a network or a container. */
    static String newUser() {
        return "u" + Long.toString(Math.abs(RANDOM.nextLong()), 36).substring(0, 8);
    }

    /** {@code docker exec} in the container of {@code deployment}: its exit code and output. */
    AppImages.Outcome exec(ServiceRef service, String deployment, String script) throws Exception {
        return AppImages.attempt(
                engine.command(
                        "exec",
                        DockerNames.containerName(service, DeploymentId.of(deployment)),
                        "/busybox",
                        "sh",
                        "-c",
                        script));
    }

    /**
     * {@code docker exec -d}: for a command that ends its own container, whose exec session would
     * otherwise never close.
     */
    void execDetached(ServiceRef service, String deployment, String script) throws Exception {
        AppImages.run(
                engine.command(
                        "exec",
                        "-d",
                        DockerNames.containerName(service, DeploymentId.of(deployment)),
                        "/busybox",
                        "sh",
                        "-c",
                        script));
    }

    /** The network gateway of a project: this host's address on the project's bridge. */
    String gateway(ServiceRef service) {
        return docker.inspectNetworkCmd()
                .withNetworkId(DockerNames.networkName(service))
                .exec()
                .getIpam()
                .getConfig()
                .get(0)
                .getGateway();
    }

    @Override
    public void close() throws Exception {
        try {
            firewall.remove();
            docker.close();
        } finally {
            engine.close();
            registry.close();
        }
    }
}
