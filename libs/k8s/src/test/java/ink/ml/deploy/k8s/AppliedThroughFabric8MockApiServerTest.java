package ink.ml.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every generated resource goes through the real fabric8 client to an API server and comes back
 * unchanged. No real API server runs here, so this is the fabric8 mock server in CRUD mode: it
 * checks the resources serialise, route to the right endpoints and round-trip, not admission.
 */
@EnableKubernetesMockClient(crud = true)
class AppliedThroughFabric8MockApiServerTest {
    /** cert-manager is a CRD: the client is told its endpoint instead of discovering it. */
    private static final ResourceDefinitionContext CERTIFICATES =
            new ResourceDefinitionContext.Builder()
                    .withGroup("cert-manager.io")
                    .withVersion("v1")
                    .withKind("Certificate")
                    .withPlural("certificates")
                    .withNamespaced(true)
                    .build();

    static KubernetesClient client;

    static {
        // The mock server logs every request at INFO; keep test output about failures.
        Logger.getLogger("io.fabric8.mockwebserver").setLevel(Level.WARNING);
    }

    static Stream<HasMetadata> builtInResources() {
        List<HasMetadata> all = new ArrayList<>(ProjectResources.from(Fixtures.project()).all());
        all.add(RegistryPullSecret.from(Fixtures.registryPull()).secret());
        all.addAll(ServiceWorkload.from(Fixtures.service()).all());
        all.add(CustomDomainResources.from(Fixtures.customDomain()).tlsIngress());
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtInResources")
    void resourceReadsBackAsItWasApplied(HasMetadata resource) {
        client.resource(resource).createOr(existing -> existing.update());

        HasMetadata stored = client.resource(resource).get();

        assertThat(stored).as("stored " + resource.getKind()).isNotNull();
        assertThat(Templates.canonical(withoutServerFields(stored)))
                .isEqualTo(Templates.canonical(withoutServerFields(resource)));
    }

    @Test
    void applyingTwiceLeavesOneUnchangedResource() {
        HasMetadata deployment = ServiceWorkload.from(Fixtures.service()).deployment();
        client.resource(deployment).createOr(existing -> existing.update());
        client.resource(ServiceWorkload.from(Fixtures.service()).deployment())
                .createOr(existing -> existing.update());

        assertThat(client.apps().deployments().inNamespace("dp-u42-shop").list().getItems())
                .singleElement()
                .satisfies(
                        stored ->
                                assertThat(Templates.canonical(withoutServerFields(stored)))
                                        .isEqualTo(
                                                Templates.canonical(
                                                        withoutServerFields(deployment))));
    }

    @Test
    void certificateReadsBackAsItWasApplied() {
        GenericKubernetesResource certificate =
                CustomDomainResources.from(Fixtures.customDomain()).certificate();
        client.genericKubernetesResources(CERTIFICATES)
                .inNamespace(certificate.getMetadata().getNamespace())
                .resource(certificate)
                .createOr(existing -> existing.update());

        GenericKubernetesResource stored =
                client.genericKubernetesResources(CERTIFICATES)
                        .inNamespace("dp-u42-shop")
                        .withName("app.example.com")
                        .get();

        assertThat(Templates.canonical(withoutServerFields(stored)))
                .isEqualTo(Templates.canonical(withoutServerFields(certificate)));
    }

    /** Drops what the API server sets itself (uid, resourceVersion, timestamps, status). */
    private static JsonNode withoutServerFields(Object resource) {
        ObjectNode tree = (ObjectNode) Templates.asTree(resource);
        tree.remove("status");
        ObjectNode metadata = (ObjectNode) tree.get("metadata");
        for (String serverField :
                List.of(
                        "uid",
                        "resourceVersion",
                        "creationTimestamp",
                        "generation",
                        "managedFields",
                        "selfLink")) {
            metadata.remove(serverField);
        }
        return tree;
    }
}
