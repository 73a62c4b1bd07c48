package ink.ml.deploy.deployer.worker.run.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.PullImageCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.Container;
import ink.ml.deploy.deployer.worker.registry.RegistryAccess;
import ink.ml.deploy.deployer.worker.run.ActivityHeartbeat;
import ink.ml.deploy.deployer.worker.run.ExecutionTarget;
import ink.ml.deploy.deployer.worker.run.edge.EdgeDomains;
import ink.ml.deploy.deployer.worker.run.edge.EdgeRoutes;
import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.ImageRef;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.k8s.ServiceSpec;
import ink.ml.deploy.workflow.StepFailure;
import ink.ml.deploy.workflow.deploy.RolloutResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs customer services on one machine's Docker engine, under gVisor, keeping the seed's rules
 * with their single-host equivalents: a network per project instead of a namespace, a container per
 * deployment instead of a pod, a TCP check with the Deployment template's timing, and an atomic
 * switch of the edge's route before the old container stops.
 *
 * <p>Everything a rollout or an adoption needs later is in the container's labels, so a restarted
 * worker picks up where the last one stopped. Variables are only ever in the container's
 * environment: never in a label, a log line or a failure message.
 */
public class DockerExecutionTarget implements ExecutionTarget {
    private static final Logger LOG = Logger.getLogger(DockerExecutionTarget.class);

    /** One replica per deployment, as the Deployment template has. */
    private static final int REPLICAS = 1;

    private final DockerClient docker;
    private final DockerTargetConfig config;
    private final RegistryAccess registryAccess;
    private final EdgeRoutes edge;
    private final EdgeDomains domains;
    private final RolloutsInFlight rollouts;
    private final ProjectNetworks networks;
    private final DockerContainers containers;

    public DockerExecutionTarget(
            DockerClient docker,
            DockerTargetConfig config,
            RegistryAccess registryAccess,
            EdgeRoutes edge,
            EdgeDomains domains,
            RolloutsInFlight rollouts) {
        requireSandboxOrConsent(config);
        this.docker = docker;
        this.config = config;
        this.registryAccess = registryAccess;
        this.edge = edge;
        this.domains = domains;
        this.rollouts = rollouts;
        this.networks = new ProjectNetworks(docker, config.bridgePrefix());
        this.containers = new DockerContainers(docker);
    }

    /** Customer code runs outside gVisor only where someone said so in the configuration. */
    static void requireSandboxOrConsent(DockerTargetConfig config) {
        if (!isSandboxed(config) && !config.allowUnsandboxed()) {
            throw new IllegalStateException(
                    "mcpdeploy.docker.runtime="
                            + config.runtime()
                            + " would run customer code without gVisor; use "
                            + AppContainer.SANDBOX_RUNTIME
                            + ", or set mcpdeploy.docker.allow-unsandboxed=true on a machine"
                            + " that runs only your own code");
        }
    }

    static boolean isSandboxed(DockerTargetConfig config) {
        return AppContainer.SANDBOX_RUNTIME.equals(config.runtime());
    }

    @Override
    public void apply(ServiceSpec spec) {
        networks.ensure(spec.service());
        ensureImage(spec);
        String name = DockerNames.containerName(spec.service(), spec.deployment());
        Optional<InspectContainerResponse> existing = containers.inspect(name);
        String id;
        if (existing.isPresent()) {
            // A retried apply of the same deployment: its container is already there.
            id = existing.get().getId();
        } else {
            try {
                id = AppContainer.create(docker, spec, config.runtime()).exec().getId();
            } catch (ConflictException madeMeanwhile) {
                id = containers.inspect(name).map(InspectContainerResponse::getId).orElseThrow();
            }
        }
        InspectContainerResponse container = containers.inspect(id).orElseThrow();
        if (!Boolean.TRUE.equals(container.getState().getRunning())
                && !Boolean.TRUE.equals(container.getState().getRestarting())) {
            docker.startContainerCmd(id).exec();
        }
        LOG.infof(
                "started container %s of %s for deployment %s (runtime %s)",
                name, spec.service().hostLabel(), spec.deployment(), config.runtime());
    }

    /**
     * Image tags are commit shas, never reused: an image already on the engine is the right one,
     * and a rollback runs without the registry.
     */
    private void ensureImage(ServiceSpec spec) {
        ImageRef image = spec.image();
        try {
            docker.inspectImageCmd(image.reference()).exec();
            return;
        } catch (NotFoundException notHereYet) {
            // Pull it.
        }
        PullImageCmd pull =
                docker.pullImageCmd(image.registry().value() + "/" + image.repository())
                        .withTag(image.tag());
        registryAccess
                .pullCredential(spec.namespace())
                .ifPresent(
                        credential ->
                                pull.withAuthConfig(
                                        new AuthConfig()
                                                .withRegistryAddress(image.registry().value())
                                                .withUsername(credential.username())
                                                .withPassword(credential.password())));
        try {
            if (!pull.start()
                    .awaitCompletion(config.pullTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(
                        "pulling "
                                + image
                                + " took longer than "
                                + ContainerDiagnosis.describe(config.pullTimeout()));
            }
        } catch (NotFoundException missing) {
            throw StepFailure.of(
                    StepFailure.ROLLOUT_FAILED, ContainerDiagnosis.imageMissing(image.reference()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pulling " + image, e);
        }
    }

    @Override
    public RolloutResult awaitRollout(ServiceRef service, DeploymentId deployment) {
        String name = DockerNames.containerName(service, deployment);
        InspectContainerResponse first =
                containers
                        .inspect(name)
                        .orElseThrow(
                                () ->
                                        StepFailure.of(
                                                StepFailure.ROLLOUT_FAILED,
                                                ContainerDiagnosis.containerGone()));
        ContainerLabels labels =
                ContainerLabels.read(DockerContainers.labels(first))
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "container "
                                                        + name
                                                        + " lacks the platform's labels"));
        rollouts.begin(labels.hostname());
        try {
            String upstream = awaitReady(first.getId(), labels);
            // A newer deployment's container may have started meanwhile: routing to this one
            // would take its traffic back, and retiring the others would remove it.
            Optional<String> newer = newerDeployment(service, first);
            if (newer.isPresent()) {
                throw StepFailure.of(
                        StepFailure.ROLLOUT_FAILED, ContainerDiagnosis.replaced(newer.get()));
            }
            edge.route(labels.hostname(), upstream);
            LOG.infof(
                    "deployment %s of %s is ready; %s routed to it",
                    deployment, service.hostLabel(), labels.hostname());
            retireOthers(service, first.getId());
            return new RolloutResult(REPLICAS);
        } finally {
            rollouts.end(labels.hostname());
        }
    }

    /** The deployment id of a container of the service made after {@code container}, if any. */
    private Optional<String> newerDeployment(
            ServiceRef service, InspectContainerResponse container) {
        Instant created = Instant.parse(container.getCreated());
        for (Container other : containers.ofService(service)) {
            if (other.getId().equals(container.getId())) {
                continue;
            }
            Optional<InspectContainerResponse> inspected = containers.inspect(other.getId());
            if (inspected.isPresent()
                    && Instant.parse(inspected.get().getCreated()).isAfter(created)) {
                return Optional.of(
                        ContainerLabels.read(DockerContainers.labels(inspected.get()))
                                .map(labels -> labels.deployment().value())
                                .orElse("unknown"));
            }
        }
        return Optional.empty();
    }

    /**
     * Polls the container's state; TCP-checks its port every probe period; its upstream when up.
     */
    private String awaitReady(String id, ContainerLabels labels) {
        String network = DockerNames.networkName(labels.service());
        long start = System.nanoTime();
        long deadline = start + config.progressDeadline().toNanos();
        long nextProbe = start;
        while (true) {
            InspectContainerResponse container =
                    containers
                            .inspect(id)
                            .orElseThrow(
                                    () ->
                                            StepFailure.of(
                                                    StepFailure.ROLLOUT_FAILED,
                                                    ContainerDiagnosis.containerGone()));
            if (hasExited(container)) {
                throw fail(id, labels, exitDiagnosis(container, labels));
            }
            Optional<String> ip = DockerContainers.ip(container, network);
            long now = System.nanoTime();
            if (now - nextProbe >= 0) {
                if (ip.isPresent()
                        && TcpProbe.accepts(ip.get(), labels.port(), config.probeTimeout())) {
                    return labels.upstream(ip.get());
                }
                nextProbe = now + config.probePeriod().toNanos();
            }
            if (System.nanoTime() - deadline > 0) {
                throw fail(
                        id,
                        labels,
                        ContainerDiagnosis.portNeverOpened(
                                labels.port(),
                                config.progressDeadline(),
                                containers.logTail(id, config.diagnosisLogLines())));
            }
            ActivityHeartbeat.beat("waiting for port " + labels.port());
            pause(config.statePollInterval());
        }
    }

    /** Exited once already: Docker restarts it, but a rollout does not wait out a crash loop. */
    private static boolean hasExited(InspectContainerResponse container) {
        var state = container.getState();
        return Boolean.TRUE.equals(state.getRestarting())
                || "exited".equals(state.getStatus())
                || "dead".equals(state.getStatus())
                || Optional.ofNullable(container.getRestartCount()).orElse(0) > 0;
    }

    private String exitDiagnosis(InspectContainerResponse container, ContainerLabels labels) {
        int memoryMi =
                (int)
                        (Optional.ofNullable(container.getHostConfig().getMemory()).orElse(0L)
                                / (1024L * 1024L));
        return ContainerDiagnosis.exited(
                containers.lastExitCode(container),
                Boolean.TRUE.equals(container.getState().getOOMKilled()),
                Optional.ofNullable(container.getRestartCount()).orElse(0),
                memoryMi,
                containers.logTail(container.getId(), config.diagnosisLogLines()));
    }

    /**
     * Stops the failed container so Docker stops restarting it (it stays, with its log, until the
     * next successful rollout or the service's deletion), and says why it failed.
     */
    private RuntimeException fail(String id, ContainerLabels labels, String diagnosis) {
        containers.stop(id, config.stopTimeout());
        // The diagnosis quotes the app's log: it goes to the user, not to this log.
        LOG.infof(
                "deployment %s of %s failed to roll out",
                labels.deployment(), labels.service().hostLabel());
        return StepFailure.of(StepFailure.ROLLOUT_FAILED, diagnosis);
    }

    /** After the switch: the service's other containers, old and failed, drain, stop and go. */
    private void retireOthers(ServiceRef service, String current) {
        List<Container> others =
                containers.ofService(service).stream()
                        .filter(container -> !container.getId().equals(current))
                        .toList();
        if (others.stream().anyMatch(container -> "running".equals(container.getState()))) {
            pause(config.drain());
        }
        for (Container old : others) {
            containers.stopAndRemove(old.getId(), config.stopTimeout());
        }
    }

    @Override
    public void delete(ServiceRef service, boolean lastServiceOfProject) {
        // Traffic first, then the containers; each step skips what is already gone.
        String prefix = service.hostLabel() + ".";
        List<String> hostnames =
                edge.routes().keySet().stream().filter(host -> host.startsWith(prefix)).toList();
        hostnames.forEach(edge::remove);
        removeCustomDomains(domains, service);
        for (Container container : containers.ofService(service)) {
            containers.stopAndRemove(container.getId(), config.stopTimeout());
        }
        if (lastServiceOfProject) {
            networks.removeIfEmpty(service);
        }
        LOG.infof(
                "deleted the containers of %s%s",
                service.hostLabel(),
                lastServiceOfProject ? " and network " + DockerNames.networkName(service) : "");
    }

    /**
     * Takes away the custom domains of {@code service} on the edge: their aliases and their
     * certificates, served or only kept; another service's stay.
     */
    static void removeCustomDomains(EdgeDomains domains, ServiceRef service) {
        String prefix = service.hostLabel() + ".";
        domains.domains().entrySet().stream()
                .filter(domain -> domain.getValue().startsWith(prefix))
                .map(Map.Entry::getKey)
                .toList()
                .forEach(domains::remove);
    }

    @Override
    public String description() {
        return "Docker engine at "
                + config.host()
                + ", runtime "
                + config.runtime()
                + (isSandboxed(config) ? " (gVisor)" : " (NOT sandboxed: no gVisor)");
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
