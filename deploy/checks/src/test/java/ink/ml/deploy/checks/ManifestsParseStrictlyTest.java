package ink.ml.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Kubernetes object under deploy/eu-central-1/k8s/ (system/, dp-build/, and the customer
 * templates with their placeholders filled) reads into the fabric8 model without a single field the
 * model does not know; custom resources (cert-manager, Traefik) fit their hand-written shapes. The
 * other YAML there (Prometheus scrape configs, Helm values) is not a Kubernetes object and is named
 * below, so that a manifest that lost its kind cannot slip out of the check.
 */
class ManifestsParseStrictlyTest {

    static Stream<ManifestDocument> kubernetesObjects() {
        return KubernetesManifests.objects().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kubernetesObjects")
    void objectHasNoFieldItsKindLacks(ManifestDocument document) {
        HasMetadata resource = StrictModel.parse(document);

        if (resource instanceof GenericKubernetesResource) {
            assertThat(CustomResourceShapes.problems(document))
                    .as("%s (%s %s)", document, document.apiVersion(), document.kind())
                    .isEmpty();
        }
        assertThat(StrictModel.unknownFields(resource))
                .as(
                        "fields %s %s does not have, in %s",
                        document.apiVersion(), document.kind(), document)
                .isEmpty();
        assertThat(resource.getMetadata().getName()).as("%s has a name", document).isNotBlank();
    }

    @Test
    void onlyHelmValuesAndPrometheusConfigurationsAreNotKubernetesObjects() {
        List<ManifestDocument> others =
                KubernetesManifests.all().stream().filter(d -> !d.isKubernetesObject()).toList();

        assertThat(others).isNotEmpty();
        assertThat(others)
                .allSatisfy(
                        d ->
                                assertThat(
                                                d.file()
                                                                .getFileName()
                                                                .toString()
                                                                .endsWith("-values.yaml")
                                                        || d.tree().containsKey("scrape_configs"))
                                        .as(
                                                "%s is Helm values (*-values.yaml) or a Prometheus"
                                                        + " scrape_configs; anything else must be a"
                                                        + " Kubernetes object with apiVersion and kind",
                                                d)
                                        .isTrue());
    }

    @Test
    void everyDirectoryOfManifestsIsRead() {
        assertThat(KubernetesManifests.objectsIn("system")).hasSizeGreaterThanOrEqualTo(40);
        assertThat(KubernetesManifests.objectsIn("templates")).hasSizeGreaterThanOrEqualTo(10);
        assertThat(KubernetesManifests.objectsIn("dp-build")).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void oneObjectPerHandWrittenFileInSystemAndTwoPerGeneratedOne() {
        Map<Path, Long> perFile = new LinkedHashMap<>();
        KubernetesManifests.objectsIn("system")
                .forEach(d -> perFile.merge(d.file(), 1L, Long::sum));

        assertThat(perFile)
                .allSatisfy(
                        (file, count) -> {
                            if (file.getFileName().toString().endsWith(".generated.yaml")) {
                                // quarkus-kubernetes writes a service's Service and its workload
                                // into one file (GeneratedServiceManifestsTest names the kinds).
                                assertThat(count).as("%s", file).isEqualTo(2L);
                            } else {
                                assertThat(count).as("%s", file).isOne();
                            }
                        });
    }

    // The check itself: a misspelt field, a field of the wrong type and a misspelt kind are caught.

    @Test
    void misspeltFieldOfABuiltInKindIsReported() {
        ManifestDocument document =
                document(
                        Map.of(
                                "apiVersion",
                                "apps/v1",
                                "kind",
                                "Deployment",
                                "metadata",
                                Map.of("name", "web"),
                                "spec",
                                Map.of("replica", 2)));

        assertThat(StrictModel.unknownFields(StrictModel.parse(document)))
                .containsExactly("spec.replica");
    }

    @Test
    void fieldOfTheWrongTypeIsRefused() {
        ManifestDocument document =
                document(
                        Map.of(
                                "apiVersion",
                                "v1",
                                "kind",
                                "Service",
                                "metadata",
                                Map.of("name", "web"),
                                "spec",
                                Map.of("ports", Map.of("port", 80))));

        assertThatThrownBy(() -> StrictModel.parse(document))
                .hasRootCauseInstanceOf(MismatchedInputException.class);
    }

    @Test
    void misspeltKindIsNotACustomResourceWeKnow() {
        ManifestDocument document =
                document(
                        Map.of(
                                "apiVersion", "node.k8s.io/v1",
                                "kind", "RuntimeClas",
                                "metadata", Map.of("name", "gvisor"),
                                "handler", "runsc"));

        assertThat(StrictModel.parse(document)).isInstanceOf(GenericKubernetesResource.class);
        assertThat(CustomResourceShapes.problems(document))
                .singleElement()
                .asString()
                .contains("neither a kind fabric8 knows");
    }

    @Test
    void misspeltFieldOfACustomResourceIsReported() {
        ManifestDocument document =
                document(
                        Map.of(
                                "apiVersion",
                                "cert-manager.io/v1",
                                "kind",
                                "Certificate",
                                "metadata",
                                Map.of("name", "x"),
                                "spec",
                                Map.of(
                                        "secretName", "x",
                                        "dnsName", List.of("a.example"),
                                        "issuerRef", Map.of("name", "letsencrypt-prod"))));

        assertThat(CustomResourceShapes.problems(document))
                .containsExactly("spec.dnsName: unknown field");
    }

    private static ManifestDocument document(Map<String, Object> tree) {
        return new ManifestDocument(Path.of("eu-central-1/k8s/system/example.yaml"), 0, tree);
    }
}
