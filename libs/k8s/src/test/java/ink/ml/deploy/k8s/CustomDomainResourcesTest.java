package ink.ml.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomDomainResourcesTest {
    private final CustomDomainResources resources =
            CustomDomainResources.from(Fixtures.customDomain());

    @Test
    @SuppressWarnings("unchecked")
    void phaseOneCertificateUsesTheHttp01ClusterIssuer() {
        GenericKubernetesResource certificate = resources.certificate();
        Map<String, Object> spec =
                (Map<String, Object>) certificate.getAdditionalProperties().get("spec");

        assertThat(certificate.getApiVersion()).isEqualTo("cert-manager.io/v1");
        assertThat(certificate.getKind()).isEqualTo("Certificate");
        assertThat((Map<String, Object>) spec.get("issuerRef"))
                .containsEntry("kind", "ClusterIssuer")
                .containsEntry("name", "letsencrypt-prod");
        assertThat(spec).containsEntry("dnsNames", java.util.List.of("app.example.com"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void phaseTwoIngressServesTheSecretThePhaseOneCertificateWrites() {
        Map<String, Object> certificateSpec =
                (Map<String, Object>) resources.certificate().getAdditionalProperties().get("spec");
        Ingress ingress = resources.tlsIngress();

        assertThat(ingress.getSpec().getTls())
                .singleElement()
                .satisfies(
                        tls -> {
                            assertThat(tls.getSecretName())
                                    .isEqualTo(certificateSpec.get("secretName"));
                            assertThat(tls.getHosts()).containsExactly("app.example.com");
                        });
        assertThat(ingress.getSpec().getRules().get(0).getHost()).isEqualTo("app.example.com");
    }

    @Test
    void domainResourcesAreLabelledForTheirServiceAndKind() {
        assertThat(resources.tlsIngress().getMetadata().getLabels())
                .containsEntry(Labels.SERVICE, "web")
                .containsEntry(Labels.COMPONENT, "custom-domain");
        assertThat(resources.certificate().getMetadata().getNamespace()).isEqualTo("dp-u42-shop");
    }
}
