package ink.ml.deploy.deployer.worker.run.docker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The single-host execution target: which Docker engine runs customer containers, under which
 * runtime, and the timings of its health-gated rollout. Read only when the cluster's {@code
 * execution-target} is {@code docker}.
 */
@ConfigMapping(prefix = "mcpdeploy.docker")
public interface DockerTargetConfig {

    /** The engine's API socket, {@code unix:///…}. */
    @WithDefault("unix:///var/run/docker.sock")
    String host();

    /**
     * The OCI runtime customer containers run under: {@code runsc} (gVisor) registered in the
     * engine's daemon.json. Anything else needs {@link #allowUnsandboxed()}.
     */
    @WithDefault(AppContainer.SANDBOX_RUNTIME)
    String runtime();

    /**
     * Lets customer code run without gVisor (any runtime other than {@code runsc}), for a local
     * machine without it. Logged loudly at start; never a silent fallback.
     */
    @WithDefault("false")
    boolean allowUnsandboxed();

    /**
     * First letters of each project network's bridge interface; the rest (up to 15 characters) is a
     * hash of the network's name. The host firewall matches interfaces by this prefix, so it must
     * not start the name of any other interface on the host. 2 to 5 lowercase letters.
     */
    @WithDefault("dpa")
    String bridgePrefix();

    /** The host nftables table (family inet) that isolates customer containers from the host. */
    @WithDefault("mcpdeploy_apps")
    String firewallTable();

    /**
     * Whether the target installs {@link #firewallTable()} at start. Off only where something else
     * enforces the same rules; without them a container reaches the host's services, and apps under
     * gVisor that read() their connections miss requests (app-networks.nft, chain output, says
     * why).
     */
    @WithDefault("true")
    boolean installFirewall();

    /** The nftables command line tool. */
    @WithDefault("/usr/sbin/nft")
    String nft();

    /**
     * How long a new container may take to accept TCP connections on its port: the Deployment
     * template's {@code progressDeadlineSeconds}.
     */
    @WithDefault("300s")
    Duration progressDeadline();

    /**
     * Time between two TCP checks of a new container while its rollout waits. Shorter than the
     * Deployment template's readiness {@code periodSeconds} (5 s) on purpose: here the check only
     * gates the first route and stops there (the runtime monitor takes over), so checking every
     * second costs a few connects per deploy and routes the app up to 4 s sooner.
     */
    @WithDefault("1s")
    Duration probePeriod();

    /** Longest wait for one TCP connect: the readiness probe's {@code timeoutSeconds}. */
    @WithDefault("2s")
    Duration probeTimeout();

    /**
     * Time between two looks at the new container's state while waiting; a container that exits is
     * reported at the next look, not at the next probe.
     */
    @WithDefault("1s")
    Duration statePollInterval();

    /**
     * How long an old container keeps running after the route moved away from it, so requests it is
     * serving finish.
     */
    @WithDefault("2s")
    Duration drain();

    /** How long Docker lets a container stop on SIGTERM before it kills it. */
    @WithDefault("10s")
    Duration stopTimeout();

    /** How often the runtime monitor looks at the containers (adoption, crash reports). */
    @WithDefault("2s")
    Duration monitorInterval();

    /** Longest wait for an image pull. */
    @WithDefault("10m")
    Duration pullTimeout();

    /** Lines of a failed container's log quoted in its diagnosis. */
    @WithDefault("20")
    int diagnosisLogLines();
}
