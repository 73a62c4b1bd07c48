package ink.ml.deploy.deployer.worker.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * cert-manager as the fabric8 mock API server (CRUD mode) can hold it: its CRDs, with the status
 * subresource the real ones have (so an apply of the Certificate leaves the status alone, as the
 * real API server does), and the test playing its controllers by writing the resources and their
 * statuses that cert-manager would.
 */
public final class CertManagerInMockApiServer {
    private static final List<ResourceDefinitionContext> TYPES =
            List.of(
                    KubernetesExecutionTarget.CERTIFICATES,
                    KubernetesCustomDomainTarget.CERTIFICATE_REQUESTS,
                    KubernetesCustomDomainTarget.ORDERS,
                    KubernetesCustomDomainTarget.CHALLENGES);

    private final KubernetesClient client;
    private final String namespace;

    public CertManagerInMockApiServer(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** What {@code kubectl apply -f cert-manager.crds.yaml} does, in the mock. */
    public void installCrds() {
        for (ResourceDefinitionContext type : TYPES) {
            client.resource(crd(type)).createOr(existing -> existing.update());
        }
    }

    public void removeEverything() {
        for (ResourceDefinitionContext type : TYPES) {
            client.genericKubernetesResources(type).inNamespace(namespace).delete();
        }
    }

    public GenericKubernetesResource certificate(String name) {
        return client.genericKubernetesResources(KubernetesExecutionTarget.CERTIFICATES)
                .inNamespace(namespace)
                .withName(name)
                .get();
    }

    /** Plays cert-manager's certificate controllers, which own the status. */
    @SafeVarargs
    public final void certificateConditions(String name, Map<String, Object>... conditions) {
        writeStatus(
                KubernetesExecutionTarget.CERTIFICATES,
                name,
                Map.of("conditions", List.of(conditions)));
    }

    /**
     * The CertificateRequest of {@code certificate}'s {@code revision}, owned by it and annotated
     * as cert-manager does, with its Ready condition.
     */
    GenericKubernetesResource request(
            GenericKubernetesResource certificate, int revision, Map<String, Object> ready) {
        String name = certificate.getMetadata().getName() + "-" + revision;
        create(
                KubernetesCustomDomainTarget.CERTIFICATE_REQUESTS,
                "CertificateRequest",
                "cert-manager.io/v1",
                name,
                certificate,
                Map.of(
                        CertificateDiagnosis.CERTIFICATE_NAME_ANNOTATION,
                        certificate.getMetadata().getName(),
                        CertificateDiagnosis.CERTIFICATE_REVISION_ANNOTATION,
                        Integer.toString(revision)));
        return writeStatus(
                KubernetesCustomDomainTarget.CERTIFICATE_REQUESTS,
                name,
                Map.of("conditions", List.of(ready)));
    }

    /** The ACME Order of {@code request}, in {@code state} with the CA's {@code reason}. */
    GenericKubernetesResource order(
            GenericKubernetesResource request, String state, String reason) {
        String name = request.getMetadata().getName() + "-3081426721";
        create(
                KubernetesCustomDomainTarget.ORDERS,
                "Order",
                "acme.cert-manager.io/v1",
                name,
                request,
                Map.of());
        return writeStatus(
                KubernetesCustomDomainTarget.ORDERS, name, stateAndReason(state, reason));
    }

    /** The HTTP-01 Challenge of {@code order}, in {@code state} with {@code reason}. */
    GenericKubernetesResource challenge(
            GenericKubernetesResource order, String state, String reason) {
        String name = order.getMetadata().getName() + "-1502441958";
        create(
                KubernetesCustomDomainTarget.CHALLENGES,
                "Challenge",
                "acme.cert-manager.io/v1",
                name,
                order,
                Map.of());
        Map<String, Object> status = new LinkedHashMap<>(stateAndReason(state, reason));
        status.put("presented", true);
        status.put("processing", "pending".equals(state));
        return writeStatus(KubernetesCustomDomainTarget.CHALLENGES, name, status);
    }

    public static Map<String, Object> condition(
            String type, String status, String reason, String message) {
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", type);
        condition.put("status", status);
        condition.put("reason", reason);
        condition.put("message", message);
        condition.put("lastTransitionTime", "2026-12-06T19:00:00Z");
        return condition;
    }

    private static Map<String, Object> stateAndReason(String state, String reason) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("state", state);
        if (!reason.isEmpty()) {
            status.put("reason", reason);
        }
        return status;
    }

    private void create(
            ResourceDefinitionContext type,
            String kind,
            String apiVersion,
            String name,
            GenericKubernetesResource owner,
            Map<String, String> annotations) {
        // spotless:off
        GenericKubernetesResource resource = new GenericKubernetesResourceBuilder()
                .withApiVersion(apiVersion)
                .withKind(kind)
                .withNewMetadata()
                    .withName(name)
                    .withNamespace(namespace)
                    .withAnnotations(annotations)
                    .withOwnerReferences(new OwnerReferenceBuilder()
                            .withApiVersion(owner.getApiVersion())
                            .withKind(owner.getKind())
                            .withName(owner.getMetadata().getName())
                            .withUid(owner.getMetadata().getUid())
                            .withController(true)
                            .withBlockOwnerDeletion(true)
                            .build())
                .endMetadata()
                .build();
        // spotless:on
        client.genericKubernetesResources(type).inNamespace(namespace).resource(resource).create();
    }

    private GenericKubernetesResource writeStatus(
            ResourceDefinitionContext type, String name, Map<String, Object> status) {
        return client.genericKubernetesResources(type)
                .inNamespace(namespace)
                .withName(name)
                .editStatus(
                        current -> {
                            current.setAdditionalProperty("status", status);
                            return current;
                        });
    }

    private static CustomResourceDefinition crd(ResourceDefinitionContext type) {
        // spotless:off
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata()
                    .withName(type.getPlural() + "." + type.getGroup())
                .endMetadata()
                .withNewSpec()
                    .withGroup(type.getGroup())
                    .withScope("Namespaced")
                    .withNewNames()
                        .withKind(type.getKind())
                        .withPlural(type.getPlural())
                        .withSingular(type.getKind().toLowerCase(Locale.ROOT))
                    .endNames()
                    .addNewVersion()
                        .withName(type.getVersion())
                        .withServed(true)
                        .withStorage(true)
                        .withNewSchema()
                            .withNewOpenAPIV3Schema()
                                .withType("object")
                                .withXKubernetesPreserveUnknownFields(true)
                            .endOpenAPIV3Schema()
                        .endSchema()
                        .withNewSubresources()
                            .withNewStatus()
                            .endStatus()
                        .endSubresources()
                    .endVersion()
                .endSpec()
                .build();
        // spotless:on
    }
}
