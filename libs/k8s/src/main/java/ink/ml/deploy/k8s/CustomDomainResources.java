package ink.ml.deploy.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two phases of a custom domain's TLS. Phase 1 is only the cert-manager {@link #certificate()}:
 * cert-manager answers the HTTP-01 challenge through its own solver Ingress, which Traefik would
 * redirect to HTTPS if our TLS Ingress already existed. Phase 2, once the Certificate is Ready, is
 * the {@link #tlsIngress()} that serves the domain with that certificate.
 */
public final class CustomDomainResources {
    public static final String CERTIFICATE_API_VERSION = "cert-manager.io/v1";
    public static final String CERTIFICATE_KIND = "Certificate";
    public static final String CLUSTER_ISSUER = "letsencrypt-prod";

    private final CustomDomainSpec spec;
    private final Labels labels;

    private CustomDomainResources(CustomDomainSpec spec) {
        this.spec = spec;
        this.labels = Labels.forService(spec.service()).withComponent(CustomDomainNames.COMPONENT);
    }

    public static CustomDomainResources from(CustomDomainSpec spec) {
        return new CustomDomainResources(spec);
    }

    /**
     * cert-manager's model is not part of the Kubernetes API, so the Certificate is a generic
     * resource; its shape is pinned by the golden test against the template.
     */
    public GenericKubernetesResource certificate() {
        String domain = spec.domain().value();
        Map<String, Object> issuerRef = new LinkedHashMap<>();
        issuerRef.put("group", "cert-manager.io");
        issuerRef.put("kind", "ClusterIssuer");
        issuerRef.put("name", CLUSTER_ISSUER);
        // ECDSA P-256: smaller handshakes; a fresh key on each renewal limits a leaked key's life.
        Map<String, Object> privateKey = new LinkedHashMap<>();
        privateKey.put("algorithm", "ECDSA");
        privateKey.put("size", 256);
        privateKey.put("rotationPolicy", "Always");
        Map<String, Object> certificateSpec = new LinkedHashMap<>();
        certificateSpec.put("secretName", CustomDomainNames.tlsSecretName(spec.domain()));
        certificateSpec.put("dnsNames", List.of(domain));
        certificateSpec.put("issuerRef", issuerRef);
        certificateSpec.put("privateKey", privateKey);
        // spotless:off
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(CERTIFICATE_API_VERSION)
                .withKind(CERTIFICATE_KIND)
                .withNewMetadata()
                    .withName(CustomDomainNames.certificateName(spec.domain()))
                    .withNamespace(spec.namespace())
                    .withLabels(labels.toMap())
                .endMetadata()
                .addToAdditionalProperties("spec", certificateSpec)
                .build();
        // spotless:on
    }

    public Ingress tlsIngress() {
        String domain = spec.domain().value();
        // spotless:off
        return new IngressBuilder()
                .withNewMetadata()
                    .withName(CustomDomainNames.ingressName(spec.domain()))
                    .withNamespace(spec.namespace())
                    .withLabels(labels.toMap())
                    .withAnnotations(TraefikIngress.ANNOTATIONS)
                .endMetadata()
                .withNewSpec()
                    .withIngressClassName(TraefikIngress.INGRESS_CLASS)
                    .addNewTl()
                        .withHosts(domain)
                        .withSecretName(CustomDomainNames.tlsSecretName(spec.domain()))
                    .endTl()
                    .withRules(
                            TraefikIngress.rule(
                                    domain,
                                    ServiceNames.serviceName(spec.service()),
                                    spec.port().value()))
                .endSpec()
                .build();
        // spotless:on
    }
}
