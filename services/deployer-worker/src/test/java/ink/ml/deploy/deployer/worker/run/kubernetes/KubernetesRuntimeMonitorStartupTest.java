package ink.ml.deploy.deployer.worker.run.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.testing.TemporalTestServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The service starts the monitor by itself on the default execution target, Kubernetes. */
@QuarkusTest
@WithTestResource(TemporalTestServerResource.class)
class KubernetesRuntimeMonitorStartupTest {
    @Inject KubernetesRuntimeMonitor monitor;

    @Test
    void watchesOnTheDefaultKubernetesTarget() {
        assertThat(monitor.isWatching()).isTrue();
    }
}
