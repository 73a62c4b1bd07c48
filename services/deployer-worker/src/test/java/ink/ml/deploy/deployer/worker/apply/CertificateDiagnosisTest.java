package ink.ml.deploy.deployer.worker.apply;

import static ink.ml.deploy.deployer.worker.apply.CertManagerInMockApiServer.condition;
import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.workflow.domain.CertificatePhase;
import ink.ml.deploy.workflow.domain.CertificateState;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading cert-manager's resources into a certificate state, without an API server. */
class CertificateDiagnosisTest {
    private static final GenericKubernetesResource CERTIFICATE =
            resource("Certificate", "app.example.com", null, Map.of(), Map.of());

    @Test
    void aCertificateWithoutStatusIsWaitingForCertManager() {
        assertThat(CertificateDiagnosis.of(CERTIFICATE, List.of(), List.of(), List.of()))
                .isEqualTo(
                        new CertificateState(
                                CertificatePhase.ISSUING,
                                "cert-manager has not picked up the Certificate yet",
                                false));
    }

    @Test
    void theLatestRevisionsRequestSpeaksNotAnEarlierFailedOne() {
        GenericKubernetesResource certificate =
                withConditions(
                        CERTIFICATE,
                        condition("Issuing", "True", "Renewing", "Renewing certificate"));
        GenericKubernetesResource failed = request(certificate, 1, "Failed", "order failed");
        GenericKubernetesResource current =
                request(certificate, 2, "Pending", "Waiting on certificate issuance");
        GenericKubernetesResource failedOrder = order(failed, "invalid", "");
        GenericKubernetesResource currentOrder = order(current, "pending", "");

        assertThat(
                        CertificateDiagnosis.of(
                                certificate,
                                List.of(current, failed),
                                List.of(failedOrder, currentOrder),
                                List.of(
                                        challenge(failedOrder, "invalid", "403 unauthorized"),
                                        challenge(currentOrder, "pending", "Waiting for it"))))
                .isEqualTo(new CertificateState(CertificatePhase.ISSUING, "Waiting for it", false));
    }

    @Test
    void anOrderWhoseNameTheCaRefusesIsNotRetried() {
        String refused =
                "Failed to create Order: 400 urn:ietf:params:acme:error:rejectedIdentifier: Error"
                        + " creating new order :: Cannot issue for \"app.example.com\": The ACME"
                        + " server refuses to issue a certificate for this domain name, because"
                        + " it is forbidden by policy";
        GenericKubernetesResource request = request(CERTIFICATE, 1, "Pending", "");

        assertThat(
                        CertificateDiagnosis.of(
                                CERTIFICATE,
                                List.of(request),
                                List.of(order(request, "errored", refused)),
                                List.of()))
                .isEqualTo(CertificateState.failed(refused, false));
    }

    @Test
    void aCaaRecordThatForbidsTheCaIsNotRetried() {
        String caa =
                "Failed to create Order: 403 urn:ietf:params:acme:error:caa: CAA record for"
                        + " example.com prevents issuance";
        GenericKubernetesResource request = request(CERTIFICATE, 1, "Pending", "");

        assertThat(
                        CertificateDiagnosis.of(
                                CERTIFICATE,
                                List.of(request),
                                List.of(order(request, "errored", caa)),
                                List.of()))
                .isEqualTo(CertificateState.failed(caa, false));
    }

    @Test
    void anInvalidOrderWithoutAReasonOfItsOwnIsToldInTheCertificatesWords() {
        String failed =
                "The certificate request has failed to complete and will be retried: order is in"
                        + " \"invalid\" state: ";
        GenericKubernetesResource certificate =
                withConditions(CERTIFICATE, condition("Issuing", "False", "Failed", failed));
        GenericKubernetesResource request = request(certificate, 1, "Failed", "");

        assertThat(
                        CertificateDiagnosis.of(
                                certificate,
                                List.of(request),
                                List.of(order(request, "invalid", "")),
                                List.of()))
                .isEqualTo(CertificateState.failed(failed.strip(), false));
    }

    @Test
    void aDeniedRequestIsNotRetried() {
        GenericKubernetesResource request =
                withConditions(
                        resource(
                                "CertificateRequest",
                                "app.example.com-1",
                                CERTIFICATE,
                                Map.of(CertificateDiagnosis.CERTIFICATE_REVISION_ANNOTATION, "1"),
                                Map.of()),
                        condition(
                                "Denied",
                                "True",
                                "policy.cert-manager.io",
                                "No policy approved this request"));

        assertThat(CertificateDiagnosis.of(CERTIFICATE, List.of(request), List.of(), List.of()))
                .isEqualTo(CertificateState.failed("No policy approved this request", false));
    }

    @Test
    void aFailedIssuanceWithoutAnOrderMayBeRetried() {
        String issuerDown =
                "The certificate request has failed to complete and will be retried: Failed to"
                        + " register ACME account: Get \"https://acme-v02.api.letsencrypt.org/"
                        + "directory\": context deadline exceeded";
        GenericKubernetesResource certificate =
                withConditions(CERTIFICATE, condition("Issuing", "False", "Failed", issuerDown));

        assertThat(CertificateDiagnosis.of(certificate, List.of(), List.of(), List.of()))
                .isEqualTo(CertificateState.failed(issuerDown, true));
    }

    @Test
    void aLongReasonIsCutToWhatAUserReads() {
        String endless = "Waiting for HTTP-01 challenge propagation: " + "x".repeat(1000);
        GenericKubernetesResource request = request(CERTIFICATE, 1, "Pending", "");
        GenericKubernetesResource order = order(request, "pending", "");

        CertificateState state =
                CertificateDiagnosis.of(
                        CERTIFICATE,
                        List.of(request),
                        List.of(order),
                        List.of(challenge(order, "pending", endless)));

        assertThat(state.phase()).isEqualTo(CertificatePhase.ISSUING);
        assertThat(state.reason())
                .hasSize(400)
                .startsWith("Waiting for HTTP-01 challenge propagation: ")
                .endsWith("…");
    }

    @Test
    void anotherCertificatesRequestsAreNotItsOwn() {
        GenericKubernetesResource other =
                resource("Certificate", "shop.example.com", null, Map.of(), Map.of());
        GenericKubernetesResource request = request(other, 1, "Failed", "order failed");

        assertThat(CertificateDiagnosis.of(CERTIFICATE, List.of(request), List.of(), List.of()))
                .isEqualTo(
                        new CertificateState(
                                CertificatePhase.ISSUING,
                                "cert-manager has not picked up the Certificate yet",
                                false));
    }

    private static GenericKubernetesResource request(
            GenericKubernetesResource certificate, int revision, String reason, String message) {
        return withConditions(
                resource(
                        "CertificateRequest",
                        certificate.getMetadata().getName() + "-" + revision,
                        certificate,
                        Map.of(
                                CertificateDiagnosis.CERTIFICATE_NAME_ANNOTATION,
                                certificate.getMetadata().getName(),
                                CertificateDiagnosis.CERTIFICATE_REVISION_ANNOTATION,
                                Integer.toString(revision)),
                        Map.of()),
                condition("Ready", "False", reason, message));
    }

    private static GenericKubernetesResource order(
            GenericKubernetesResource request, String state, String reason) {
        return resource(
                "Order",
                request.getMetadata().getName() + "-1",
                request,
                Map.of(),
                Map.of("state", state, "reason", reason));
    }

    private static GenericKubernetesResource challenge(
            GenericKubernetesResource order, String state, String reason) {
        return resource(
                "Challenge",
                order.getMetadata().getName() + "-1",
                order,
                Map.of(),
                Map.of("state", state, "reason", reason));
    }

    private static GenericKubernetesResource withConditions(
            GenericKubernetesResource resource, Map<String, Object> condition) {
        GenericKubernetesResource copy = new GenericKubernetesResourceBuilder(resource).build();
        copy.setAdditionalProperty("status", Map.of("conditions", List.of(condition)));
        return copy;
    }

    private static GenericKubernetesResource resource(
            String kind,
            String name,
            GenericKubernetesResource owner,
            Map<String, String> annotations,
            Map<String, Object> status) {
        GenericKubernetesResourceBuilder builder =
                new GenericKubernetesResourceBuilder()
                        .withKind(kind)
                        .withNewMetadata()
                        .withName(name)
                        .withUid("uid-" + name)
                        .withAnnotations(annotations)
                        .endMetadata();
        if (owner != null) {
            builder.editMetadata()
                    .withOwnerReferences(
                            new OwnerReferenceBuilder()
                                    .withKind(owner.getKind())
                                    .withName(owner.getMetadata().getName())
                                    .withUid(owner.getMetadata().getUid())
                                    .build())
                    .endMetadata();
        }
        GenericKubernetesResource resource = builder.build();
        if (!status.isEmpty()) {
            resource.setAdditionalProperty("status", status);
        }
        return resource;
    }
}
