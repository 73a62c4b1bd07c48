package ink.ml.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The in-memory Kubernetes API is the fabric8 mock server in CRUD mode. */
class KubernetesTargetTest {

    @Test
    void inMemoryApiInCrudModeStoresWhatIsAppliedAndMarksDeploymentsAvailable() {
        try (KubernetesTarget target = KubernetesTarget.startInMemory()) {
            KubernetesClient client = target.client();
            client.namespaces()
                    .resource(
                            new NamespaceBuilder()
                                    .withNewMetadata()
                                    .withName("dp-u-p")
                                    .endMetadata()
                                    .build())
                    .create();
            // spotless:off
            client.apps().deployments().inNamespace("dp-u-p")
                    .resource(new DeploymentBuilder()
                            .withNewMetadata().withName("web").endMetadata()
                            .withNewSpec()
                                .withReplicas(1)
                                .withNewSelector().addToMatchLabels("app", "web").endSelector()
                                .withNewTemplate()
                                    .withNewMetadata().addToLabels("app", "web").endMetadata()
                                    .withNewSpec()
                                        .addNewContainer().withName("web").withImage("r/web:1").endContainer()
                                    .endSpec()
                                .endTemplate()
                            .endSpec()
                            .build())
                    .create();
            // spotless:on

            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(
                            () -> {
                                Deployment stored =
                                        client.apps()
                                                .deployments()
                                                .inNamespace("dp-u-p")
                                                .withName("web")
                                                .get();
                                assertThat(stored.getStatus()).isNotNull();
                                assertThat(stored.getStatus().getAvailableReplicas()).isEqualTo(1);
                            });
            assertThat(target.inMemory()).isTrue();
            assertThat(target.description())
                    .startsWith(
                            "in-memory Kubernetes API: stores what would be applied, runs no pods;"
                                    + " Deployments are marked available at once");
            assertThat(target.wiring().properties())
                    .containsEntry("mcpdeploy.workload.apply-mode", "create-or-update")
                    .containsEntry(
                            "quarkus.kubernetes-client.api-server-url",
                            "http://127.0.0.1:" + client.getMasterUrl().getPort());
        }
    }

    @Test
    void refusesAKubeconfigThatCannotBeRead() {
        assertThatThrownBy(() -> KubernetesTarget.connect(Path.of("/nonexistent/kubeconfig")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("KUBECONFIG: /nonexistent/kubeconfig is not a readable file");
    }
}
