package ink.ml.deploy.deployer.worker.run.docker;

import java.time.Duration;

/**
 * The target's configuration for tests: the documented defaults, a private engine, and the test's
 * own bridge prefix and firewall table so that it cannot touch a real installation's.
 */
record TestDockerTargetConfig(
        String host,
        String runtime,
        boolean allowUnsandboxed,
        String bridgePrefix,
        String firewallTable,
        Duration progressDeadline,
        Duration drain)
        implements DockerTargetConfig {

    static TestDockerTargetConfig of(String host, String bridgePrefix, String firewallTable) {
        return new TestDockerTargetConfig(
                host,
                AppContainer.SANDBOX_RUNTIME,
                false,
                bridgePrefix,
                firewallTable,
                Duration.ofSeconds(300),
                Duration.ofSeconds(2));
    }

    TestDockerTargetConfig withProgressDeadline(Duration deadline) {
        return new TestDockerTargetConfig(
                host, runtime, allowUnsandboxed, bridgePrefix, firewallTable, deadline, drain);
    }

    TestDockerTargetConfig withRuntime(String runtime, boolean allowUnsandboxed) {
        return new TestDockerTargetConfig(
                host,
                runtime,
                allowUnsandboxed,
                bridgePrefix,
                firewallTable,
                progressDeadline,
                drain);
    }

    @Override
    public boolean installFirewall() {
        return true;
    }

    @Override
    public String nft() {
        return "/usr/sbin/nft";
    }

    @Override
    public Duration probePeriod() {
        return Duration.ofSeconds(1);
    }

    @Override
    public Duration probeTimeout() {
        return Duration.ofSeconds(2);
    }

    @Override
    public Duration statePollInterval() {
        return Duration.ofSeconds(1);
    }

    @Override
    public Duration stopTimeout() {
        return Duration.ofSeconds(10);
    }

    @Override
    public Duration monitorInterval() {
        return Duration.ofSeconds(2);
    }

    @Override
    public Duration pullTimeout() {
        return Duration.ofMinutes(2);
    }

    @Override
    public int diagnosisLogLines() {
        return 20;
    }
}
