package ink.ml.deploy.deployer.worker.run.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import ink.ml.deploy.domain.GitSha;
import ink.ml.deploy.domain.ImageRef;
import ink.ml.deploy.domain.RegistryHost;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.k8s.Labels;
import ink.ml.deploy.k8s.ServiceSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The container's settings, built from the same spec as the Kubernetes Deployment. */
class AppContainerTest {
    private static final ServiceRef WEB = ServiceRef.of("u1", "shop", "web");
    private static final ServiceSpec SPEC =
            AppEngineFixture.spec(
                    WEB,
                    "d1",
                    ImageRef.of(RegistryHost.of("127.0.0.1:5000"), WEB, GitSha.of("a".repeat(40))),
                    Map.of("DATABASE_URL", "postgres://secret", "PORT", "1234"));

    @Test
    void limitsComeFromThePlanWithoutSwap() {
        HostConfig host = AppContainer.hostConfig(SPEC, "runsc");
        assertThat(host.getMemory()).isEqualTo(256L * 1024 * 1024);
        assertThat(host.getMemorySwap()).isEqualTo(host.getMemory());
        assertThat(host.getNanoCPUs()).isEqualTo(500_000_000L);
    }

    @Test
    void runsUnderTheGivenRuntimeOnTheProjectNetworkAndRestartsAfterACrash() {
        HostConfig host = AppContainer.hostConfig(SPEC, "runsc");
        assertThat(host.getRuntime()).isEqualTo("runsc");
        assertThat(host.getNetworkMode()).isEqualTo("dp-u1-shop");
        assertThat(host.getRestartPolicy()).isEqualTo(RestartPolicy.unlessStoppedRestart());
    }

    @Test
    void environmentHasThePortAndTheVariablesButThePortCannotBeOverridden() {
        assertThat(AppContainer.env(SPEC))
                .containsExactly("PORT=8080", "DATABASE_URL=postgres://secret");
    }

    @Test
    void labelsCarryTheIdsAndWhatARolloutNeedsButNoVariable() {
        Map<String, String> labels = ContainerLabels.of(SPEC).toMap();
        assertThat(labels)
                .containsAllEntriesOf(Labels.forService(WEB).toMap())
                .containsEntry(ContainerLabels.DEPLOYMENT, "d1")
                .containsEntry(ContainerLabels.HOSTNAME, "web-shop-u1.apps.localhost")
                .containsEntry(ContainerLabels.PORT, "8080");
        assertThat(labels.toString()).doesNotContain("secret");
        assertThat(ContainerLabels.read(labels)).contains(ContainerLabels.of(SPEC));
    }

    @Test
    void containersWithoutThePlatformsLabelsAreNotRead() {
        assertThat(ContainerLabels.read(Map.of("app", "x"))).isEmpty();
        Map<String, String> broken = new java.util.HashMap<>(ContainerLabels.of(SPEC).toMap());
        broken.remove(ContainerLabels.PORT);
        assertThat(ContainerLabels.read(broken)).isEmpty();
    }
}
