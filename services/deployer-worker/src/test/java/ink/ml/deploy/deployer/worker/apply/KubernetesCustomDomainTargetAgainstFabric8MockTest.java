package ink.ml.deploy.deployer.worker.apply;

import static ink.ml.deploy.deployer.worker.apply.CertManagerInMockApiServer.condition;
import static ink.ml.deploy.deployer.worker.apply.WorkloadFixtures.NAMESPACE;
import static ink.ml.deploy.deployer.worker.apply.WorkloadFixtures.WEB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.AppPort;
import ink.ml.deploy.domain.CustomDomain;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.k8s.CustomDomainResources;
import ink.ml.deploy.k8s.CustomDomainSpec;
import ink.ml.deploy.testing.TemporalTestServerResource;
import ink.ml.deploy.workflow.StepFailure;
import ink.ml.deploy.workflow.domain.CertificatePhase;
import ink.ml.deploy.workflow.domain.CertificateState;
import ink.ml.deploy.workflow.domain.CustomDomainActivities;
import ink.ml.deploy.workflow.domain.DomainResources;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes target's two phases of a custom domain against the fabric8 mock API server in CRUD
 * mode, through the activities the domain workflow calls (the bean the application wires, which
 * picks this target for the test profile's Kubernetes cluster). The mock runs no controllers: the
 * test installs cert-manager's CRDs and plays cert-manager by writing the Certificate's status and
 * the CertificateRequest, Order and Challenge it would create.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(TemporalTestServerResource.class)
class KubernetesCustomDomainTargetAgainstFabric8MockTest {
    private static final String DOMAIN = "app.example.com";
    private static final DomainResources APP =
            new DomainResources("d-1", DOMAIN, "u42", "shop", "web", "eu-central-1", 3000);
    private static final CustomDomainResources BUILT =
            CustomDomainResources.from(
                    new CustomDomainSpec(WEB, new CustomDomain(DOMAIN), AppPort.of(3000)));

    /** What the ACME server said about the HTTP-01 token it fetched from the domain's address. */
    private static final String UNAUTHORIZED =
            "Error accepting authorization: acme: authorization error for app.example.com: 403"
                    + " urn:ietf:params:acme:error:unauthorized: 203.0.113.7: Invalid response"
                    + " from http://app.example.com/.well-known/acme-challenge/Xk3s: 404";

    @KubernetesTestServer KubernetesServer mockServer;

    @Inject KubernetesClient client;

    @Inject CustomDomainActivities wired;

    private final List<String> heartbeats = new CopyOnWriteArrayList<>();
    private TestActivityEnvironment environment;
    private CustomDomainActivities activities;
    private CertManagerInMockApiServer cluster;

    @BeforeEach
    void installCertManagerAndStartActivityEnvironment() {
        cluster = new CertManagerInMockApiServer(client, NAMESPACE);
        cluster.installCrds();
        environment = TestActivityEnvironment.newInstance();
        environment.registerActivitiesImplementations(ClientProxy.unwrap(wired));
        environment.setActivityHeartbeatListener(String.class, heartbeats::add);
        activities =
                environment.newActivityStub(
                        CustomDomainActivities.class,
                        ActivityOptions.newBuilder()
                                .setStartToCloseTimeout(Duration.ofMinutes(1))
                                .setRetryOptions(
                                        RetryOptions.newBuilder().setMaximumAttempts(1).build())
                                .build());
    }

    @AfterEach
    void emptyTheMockApiServer() {
        environment.close();
        cluster.removeEverything();
        client.network().v1().ingresses().inNamespace(NAMESPACE).delete();
        client.secrets().inNamespace(NAMESPACE).delete();
    }

    @Test
    void beforeAnythingIsAskedForTheCertificateIsNotRequested() {
        assertThat(activities.certificateState(APP))
                .isEqualTo(CertificateState.of(CertificatePhase.NOT_REQUESTED));
    }

    @Test
    void requestingTheCertificateCreatesItAsBuiltAndNoIngress() {
        activities.requestCertificate(APP);

        GenericKubernetesResource certificate = cluster.certificate(DOMAIN);
        GenericKubernetesResource expected = BUILT.certificate();
        assertThat(certificate.getMetadata().getLabels())
                .isEqualTo(expected.getMetadata().getLabels());
        assertThat(certificate.<Object>get("spec")).isEqualTo(expected.get("spec"));
        assertThat(certificate.<Object>get("spec", "issuerRef", "name"))
                .isEqualTo("letsencrypt-prod");
        assertThat(client.network().v1().ingresses().inNamespace(NAMESPACE).list().getItems())
                .isEmpty();
        assertThat(heartbeats).contains("requesting the certificate of " + DOMAIN);
        // Nothing of cert-manager has answered yet.
        assertThat(activities.certificateState(APP).phase()).isEqualTo(CertificatePhase.ISSUING);
    }

    @Test
    void theCertificatesStatusTakesItFromIssuingToReady() {
        activities.requestCertificate(APP);
        cluster.certificateConditions(
                DOMAIN,
                condition(
                        "Ready",
                        "False",
                        "DoesNotExist",
                        "Issuing certificate as Secret does not exist"),
                condition(
                        "Issuing",
                        "True",
                        "DoesNotExist",
                        "Issuing certificate as Secret does not exist"));

        assertThat(activities.certificateState(APP))
                .isEqualTo(
                        new CertificateState(
                                CertificatePhase.ISSUING,
                                "Issuing certificate as Secret does not exist",
                                false));

        String propagation =
                "Waiting for HTTP-01 challenge propagation: failed to perform self check GET"
                        + " request 'http://app.example.com/.well-known/acme-challenge/Xk3s':"
                        + " Get \"http://app.example.com/.well-known/acme-challenge/Xk3s\": dial"
                        + " tcp 203.0.113.7:80: connect: connection refused";
        GenericKubernetesResource request =
                cluster.request(
                        cluster.certificate(DOMAIN),
                        1,
                        condition(
                                "Ready",
                                "False",
                                "Pending",
                                "Waiting on certificate issuance from order"
                                        + " dp-u42-shop/app.example.com-1-3081426721:"
                                        + " \"pending\""));
        cluster.challenge(cluster.order(request, "pending", ""), "pending", propagation);

        assertThat(activities.certificateState(APP))
                .isEqualTo(new CertificateState(CertificatePhase.ISSUING, propagation, false));

        cluster.certificateConditions(
                DOMAIN,
                condition(
                        "Ready", "True", "Ready", "Certificate is up to date and has not expired"));

        assertThat(activities.certificateState(APP))
                .isEqualTo(CertificateState.of(CertificatePhase.READY));
    }

    @Test
    void anInvalidChallengeFailsWithTheCasOwnReasonAndIsNotRetried() {
        activities.requestCertificate(APP);
        GenericKubernetesResource request =
                cluster.request(
                        cluster.certificate(DOMAIN),
                        1,
                        condition(
                                "Ready",
                                "False",
                                "Failed",
                                "Failed to wait for order resource"
                                        + " \"app.example.com-1-3081426721\" to become ready:"
                                        + " order is in \"invalid\" state: "));
        cluster.challenge(cluster.order(request, "invalid", ""), "invalid", UNAUTHORIZED);
        cluster.certificateConditions(
                DOMAIN,
                condition(
                        "Ready",
                        "False",
                        "DoesNotExist",
                        "Issuing certificate as Secret does not exist"),
                condition(
                        "Issuing",
                        "False",
                        "Failed",
                        "The certificate request has failed to complete and will be retried:"
                                + " Failed to wait for order resource"
                                + " \"app.example.com-1-3081426721\" to become ready: order is"
                                + " in \"invalid\" state: "));

        assertThat(activities.certificateState(APP))
                .isEqualTo(CertificateState.failed(UNAUTHORIZED, false));
    }

    @Test
    void anErroredOrderFailsWithTheCasReasonAndMayBeRetried() {
        String rateLimited =
                "Failed to create Order: 429 urn:ietf:params:acme:error:rateLimited: Error"
                        + " creating new order :: too many certificates (5) already issued for"
                        + " this exact set of domains in the last 168h0m0s";
        activities.requestCertificate(APP);
        GenericKubernetesResource request =
                cluster.request(
                        cluster.certificate(DOMAIN),
                        1,
                        condition("Ready", "False", "Pending", "Waiting on certificate issuance"));
        cluster.order(request, "errored", rateLimited);

        assertThat(activities.certificateState(APP))
                .isEqualTo(CertificateState.failed(rateLimited, true));
    }

    @Test
    void servingTlsBeforeTheCertificateIsReadyIsRefusedAndCreatesNoIngress() {
        activities.requestCertificate(APP);
        cluster.certificateConditions(
                DOMAIN,
                condition(
                        "Ready",
                        "False",
                        "DoesNotExist",
                        "Issuing certificate as Secret does not exist"));

        assertRefused(
                () -> activities.serveTls(APP),
                "the certificate for app.example.com is not issued yet (Issuing certificate as"
                        + " Secret does not exist), so the domain cannot be served over TLS");
        assertThat(client.network().v1().ingresses().inNamespace(NAMESPACE).list().getItems())
                .isEmpty();
    }

    @Test
    void servingTlsWithoutACertificateIsRefused() {
        assertRefused(
                () -> activities.serveTls(APP),
                "no certificate was requested for app.example.com: it has to be requested and"
                        + " issued before the domain is served over TLS");
    }

    @Test
    void onceTheCertificateIsReadyServingTlsCreatesTheIngressAsBuiltAndAgainChangesNothing() {
        activities.requestCertificate(APP);
        markReady();

        activities.serveTls(APP);
        activities.serveTls(APP);

        Ingress expected = BUILT.tlsIngress();
        List<Ingress> ingresses =
                client.network().v1().ingresses().inNamespace(NAMESPACE).list().getItems();
        assertThat(ingresses).hasSize(1);
        Ingress ingress = ingresses.get(0);
        assertThat(ingress.getMetadata().getName()).isEqualTo(DOMAIN);
        assertThat(ingress.getMetadata().getLabels()).isEqualTo(expected.getMetadata().getLabels());
        assertThat(ingress.getMetadata().getAnnotations())
                .isEqualTo(expected.getMetadata().getAnnotations());
        assertThat(ingress.getSpec()).isEqualTo(expected.getSpec());
        assertThat(ingress.getSpec().getTls().get(0).getSecretName()).isEqualTo(DOMAIN);
    }

    @Test
    void requestingAgainOnceReadyKeepsTheTlsIngressAndTheCertificatesStatus() {
        activities.requestCertificate(APP);
        markReady();
        activities.serveTls(APP);

        activities.requestCertificate(APP);

        assertThat(tlsIngress()).isNotNull();
        assertThat(activities.certificateState(APP))
                .isEqualTo(CertificateState.of(CertificatePhase.READY));
    }

    @Test
    void requestingTheCertificateRemovesAStaleTlsIngressThatWouldBlockTheChallenge() {
        client.resource(BUILT.tlsIngress()).create();

        activities.requestCertificate(APP);

        assertThat(tlsIngress()).isNull();
        assertThat(cluster.certificate(DOMAIN)).isNotNull();
    }

    @Test
    void removeDeletesTheIngressTheCertificateAndItsKeyAndIsIdempotent() {
        activities.requestCertificate(APP);
        markReady();
        activities.serveTls(APP);
        // cert-manager's key pair: named in the Certificate, without our labels.
        client.resource(
                        new SecretBuilder()
                                .withNewMetadata()
                                .withName(DOMAIN)
                                .withNamespace(NAMESPACE)
                                .endMetadata()
                                .withType("kubernetes.io/tls")
                                .build())
                .create();
        client.resource(
                        new SecretBuilder()
                                .withNewMetadata()
                                .withName("web-env")
                                .withNamespace(NAMESPACE)
                                .endMetadata()
                                .build())
                .create();
        client.resource(
                        new IngressBuilder(BUILT.tlsIngress())
                                .editMetadata()
                                .withName("web")
                                .endMetadata()
                                .build())
                .create();

        activities.removeDomain(APP);

        assertThat(tlsIngress()).isNull();
        assertThat(cluster.certificate(DOMAIN)).isNull();
        assertThat(client.secrets().inNamespace(NAMESPACE).withName(DOMAIN).get()).isNull();
        // The service's own resources stay.
        assertThat(client.secrets().inNamespace(NAMESPACE).withName("web-env").get()).isNotNull();
        assertThat(client.network().v1().ingresses().inNamespace(NAMESPACE).withName("web").get())
                .isNotNull();

        activities.removeDomain(APP);

        assertThat(activities.certificateState(APP))
                .isEqualTo(CertificateState.of(CertificatePhase.NOT_REQUESTED));
    }

    @Test
    void withoutCertManagerEachPhaseSaysSoAndRemoveSucceeds() {
        // The mock keeps whatever it is sent; a cluster without cert-manager's CRDs answers 404
        // for their resources, which these expectations play in a namespace of their own.
        DomainResources elsewhere =
                new DomainResources(
                        "d-2", "blog.example.org", "u7", "blog", "web", "eu-central-1", 8080);
        String namespace = ServiceRef.of("u7", "blog", "web").namespace();
        mockServer
                .expect()
                .get()
                .withPath("/apis/cert-manager.io/v1/namespaces/" + namespace + "/certificates")
                .andReturn(
                        404,
                        new StatusBuilder()
                                .withCode(404)
                                .withReason("NotFound")
                                .withMessage("the server could not find the requested resource")
                                .build())
                .always();

        assertThat(activities.certificateState(elsewhere))
                .isEqualTo(
                        CertificateState.failed(
                                KubernetesCustomDomainTarget.CERT_MANAGER_MISSING, false));
        assertRefused(
                () -> activities.requestCertificate(elsewhere),
                KubernetesCustomDomainTarget.CERT_MANAGER_MISSING);
        assertRefused(
                () -> activities.serveTls(elsewhere),
                KubernetesCustomDomainTarget.CERT_MANAGER_MISSING);
        activities.removeDomain(elsewhere);
    }

    private void markReady() {
        cluster.certificateConditions(
                DOMAIN,
                condition(
                        "Ready", "True", "Ready", "Certificate is up to date and has not expired"),
                condition(
                        "Issuing",
                        "False",
                        "Issued",
                        "The certificate has been successfully issued"));
    }

    private Ingress tlsIngress() {
        return client.network().v1().ingresses().inNamespace(NAMESPACE).withName(DOMAIN).get();
    }

    private static void assertRefused(Runnable call, String reason) {
        assertThatThrownBy(call::run)
                .isInstanceOf(ActivityFailure.class)
                .cause()
                .isInstanceOfSatisfying(
                        ApplicationFailure.class,
                        failure -> {
                            assertThat(failure.getType()).isEqualTo(StepFailure.APPLY_REJECTED);
                            assertThat(failure.isNonRetryable()).isTrue();
                            assertThat(failure.getOriginalMessage()).isEqualTo(reason);
                        });
    }
}
