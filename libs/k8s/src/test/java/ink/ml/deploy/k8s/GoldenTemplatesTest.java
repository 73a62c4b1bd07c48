package ink.ml.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The templates in deploy/eu-central-1/k8s/templates are the design spec: each builder's output
 * must equal its template with the placeholders filled, compared as parsed trees.
 */
class GoldenTemplatesTest {
    private static final Map<String, Supplier<Object>> BUILDERS =
            Map.of(
                    "namespace.yaml", () -> ProjectResources.from(Fixtures.project()).namespace(),
                    "networkpolicy-ingress.yaml",
                            () -> ProjectResources.from(Fixtures.project()).ingressPolicy(),
                    "networkpolicy-egress.yaml",
                            () -> ProjectResources.from(Fixtures.project()).egressPolicy(),
                    "secret-registry-pull.yaml",
                            () -> RegistryPullSecret.from(Fixtures.registryPull()).secret(),
                    "secret-env.yaml", () -> ServiceWorkload.from(Fixtures.service()).secret(),
                    "deployment.yaml", () -> ServiceWorkload.from(Fixtures.service()).deployment(),
                    "service.yaml", () -> ServiceWorkload.from(Fixtures.service()).service(),
                    "ingress-platform.yaml",
                            () -> ServiceWorkload.from(Fixtures.service()).ingress(),
                    "certificate-custom-domain.yaml",
                            () -> CustomDomainResources.from(Fixtures.customDomain()).certificate(),
                    "ingress-custom-domain.yaml",
                            () -> CustomDomainResources.from(Fixtures.customDomain()).tlsIngress());

    static Stream<Arguments> templates() {
        return BUILDERS.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void builderRendersExactlyItsTemplate(String template, Supplier<Object> builder) {
        JsonNode expected = Templates.render(template, Fixtures.placeholders());
        JsonNode actual = Templates.asTree(builder.get());

        assertThat(Templates.canonical(actual)).isEqualTo(Templates.canonical(expected));
    }

    @Test
    void everyTemplateHasABuilder() {
        assertThat(Templates.files()).containsExactlyInAnyOrderElementsOf(BUILDERS.keySet());
    }
}
