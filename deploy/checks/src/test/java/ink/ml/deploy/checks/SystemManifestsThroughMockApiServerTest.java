package ink.ml.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.Pluralize;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every object of system/ goes through the real fabric8 client to an API server's endpoint for its
 * kind and reads back unchanged. No real API server runs here, so this is the fabric8 mock server
 * in CRUD mode: it proves the objects serialise, route to their endpoints and round-trip, not that
 * a real server would admit them.
 */
@EnableKubernetesMockClient(crud = true)
class SystemManifestsThroughMockApiServerTest {
    /** Custom resources that are not namespaced. */
    private static final Set<String> CLUSTER_SCOPED_CUSTOM = Set.of("ClusterIssuer");

    static KubernetesClient client;

    static {
        // The mock server logs every request at INFO; keep test output about failures.
        Logger.getLogger("io.fabric8.mockwebserver").setLevel(Level.WARNING);
    }

    static Stream<HasMetadata> systemObjects() {
        return SystemManifests.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("systemObjects")
    void objectReadsBackAsItWasCreated(HasMetadata resource) {
        HasMetadata stored;
        if (resource instanceof GenericKubernetesResource custom) {
            var endpoint = client.genericKubernetesResources(definition(custom));
            var named =
                    custom.getMetadata().getNamespace() == null
                            ? endpoint.resource(custom)
                            : endpoint.inNamespace(custom.getMetadata().getNamespace())
                                    .resource(custom);
            named.create();
            stored = named.get();
        } else {
            client.resource(resource).create();
            stored = client.resource(resource).get();
        }

        assertThat(stored).as("stored %s", resource.getKind()).isNotNull();
        assertThat(withoutServerFields(stored)).isEqualTo(withoutServerFields(resource));
    }

    private static ResourceDefinitionContext definition(GenericKubernetesResource resource) {
        String[] apiVersion = resource.getApiVersion().split("/");
        return new ResourceDefinitionContext.Builder()
                .withGroup(apiVersion[0])
                .withVersion(apiVersion[1])
                .withKind(resource.getKind())
                .withPlural(Pluralize.toPlural(resource.getKind().toLowerCase(Locale.ROOT)))
                .withNamespaced(!CLUSTER_SCOPED_CUSTOM.contains(resource.getKind()))
                .build();
    }

    /** The object without what an API server adds (uid, resourceVersion, timestamps). */
    private static JsonNode withoutServerFields(HasMetadata resource) {
        JsonNode tree = StrictModel.serialization().convertValue(resource, JsonNode.class);
        ObjectNode metadata = (ObjectNode) tree.get("metadata");
        metadata.remove(
                java.util.List.of(
                        "uid",
                        "resourceVersion",
                        "creationTimestamp",
                        "generation",
                        "managedFields"));
        ((ObjectNode) tree).remove("status");
        return tree;
    }
}
