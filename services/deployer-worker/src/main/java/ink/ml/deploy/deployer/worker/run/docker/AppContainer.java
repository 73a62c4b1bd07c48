package ink.ml.deploy.deployer.worker.run.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import ink.ml.deploy.k8s.ServiceSpec;
import ink.ml.deploy.k8s.ServiceWorkload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One deployment's container, built from the same {@link ServiceSpec} as the Kubernetes Deployment:
 * the image, {@code PORT} and the variables as its environment, the plan's memory and CPU as
 * limits, the ids as labels, the service name as its alias on the project network, and gVisor as
 * its runtime. Docker restarts it when it exits, with its own growing delay.
 */
final class AppContainer {
    /** gVisor, as registered in the engine's daemon.json. */
    static final String SANDBOX_RUNTIME = "runsc";

    private static final long MEBIBYTE = 1024L * 1024L;
    private static final long NANO_CPUS_PER_MILLI = 1_000_000L;

    /** Bounds each container's log on disk; the diagnosis and the monitor read only its tail. */
    private static final Map<String, String> LOG_LIMITS =
            Map.of("max-size", "10m", "max-file", "3");

    private AppContainer() {}

    static CreateContainerCmd create(DockerClient docker, ServiceSpec spec, String runtime) {
        return docker.createContainerCmd(spec.image().reference())
                .withName(DockerNames.containerName(spec.service(), spec.deployment()))
                .withEnv(env(spec))
                .withLabels(ContainerLabels.of(spec).toMap())
                .withExposedPorts(ExposedPort.tcp(spec.port().value()))
                .withAliases(spec.service().service().value())
                .withHostConfig(hostConfig(spec, runtime));
    }

    /**
     * {@code PORT} and the variables. {@code PORT} is always the service's port, as on the
     * Kubernetes target, where the container's own {@code env} overrides its {@code envFrom}.
     */
    static List<String> env(ServiceSpec spec) {
        List<String> env = new ArrayList<>();
        env.add(ServiceWorkload.PORT_ENV + "=" + spec.port().value());
        spec.env()
                .forEach(
                        (name, value) -> {
                            if (!name.value().equals(ServiceWorkload.PORT_ENV)) {
                                env.add(name.value() + "=" + value);
                            }
                        });
        return env;
    }

    static HostConfig hostConfig(ServiceSpec spec, String runtime) {
        long memory = spec.resources().memoryMi() * MEBIBYTE;
        return HostConfig.newHostConfig()
                .withNetworkMode(DockerNames.networkName(spec.service()))
                .withRuntime(runtime)
                // unless-stopped: a crash restarts it, with Docker's doubling delay; a stop by
                // the platform (an old deployment, a failed rollout) does not.
                .withRestartPolicy(RestartPolicy.unlessStoppedRestart())
                .withMemory(memory)
                // Equal to the memory: no swap, so the limit means what the plan says.
                .withMemorySwap(memory)
                .withNanoCPUs(spec.resources().milliCpu() * NANO_CPUS_PER_MILLI)
                .withLogConfig(new LogConfig(LogConfig.LoggingType.JSON_FILE, LOG_LIMITS));
    }
}
