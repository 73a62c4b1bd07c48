package ink.ml.deploy.deployer.worker.domain;

import static ink.ml.deploy.deployer.worker.apply.CertManagerInMockApiServer.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.deployer.worker.apply.CertManagerInMockApiServer;
import ink.ml.deploy.k8s.CustomDomainResources;
import ink.ml.deploy.testing.TemporalTestServerResource;
import ink.ml.deploy.workflow.StepFailure;
import ink.ml.deploy.workflow.domain.CertificatePhase;
import ink.ml.deploy.workflow.domain.CertificateState;
import ink.ml.deploy.workflow.domain.CustomDomainActivities;
import ink.ml.deploy.workflow.domain.DomainResources;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The custom-domain activities as the application wires them: the test profile's cluster
 * (eu-central-1) runs on Kubernetes, so they work on the fabric8 mock API server's cert-manager
 * resources.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(TemporalTestServerResource.class)
class CustomDomainActivitiesImplTest {
    private static final String NAMESPACE = "dp-u9-docs";
    private static final DomainResources DOCS =
            new DomainResources(
                    "d-9", "docs.example.net", "u9", "docs", "web", "eu-central-1", 8080);

    @Inject CustomDomainActivities wired;

    @Inject KubernetesClient client;

    private TestActivityEnvironment environment;
    private CustomDomainActivities activities;
    private CertManagerInMockApiServer certManager;

    @BeforeEach
    void startActivityEnvironment() {
        certManager = new CertManagerInMockApiServer(client, NAMESPACE);
        certManager.installCrds();
        environment = TestActivityEnvironment.newInstance();
        environment.registerActivitiesImplementations(ClientProxy.unwrap(wired));
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
        certManager.removeEverything();
    }

    @Test
    void onAKubernetesClusterTheActivitiesWorkOnCertManagersCertificate() {
        activities.requestCertificate(DOCS);

        assertThat(certManager.certificate("docs.example.net").getKind())
                .isEqualTo(CustomDomainResources.CERTIFICATE_KIND);
        certManager.certificateConditions(
                "docs.example.net",
                condition(
                        "Ready", "True", "Ready", "Certificate is up to date and has not expired"));
        assertThat(activities.certificateState(DOCS))
                .isEqualTo(CertificateState.of(CertificatePhase.READY));

        activities.removeDomain(DOCS);

        assertThat(certManager.certificate("docs.example.net")).isNull();
    }

    @Test
    void aDomainThatBreaksARuleIsRefusedWithoutRetrying() {
        DomainResources portless =
                new DomainResources(
                        "d-9", "docs.example.net", "u9", "docs", "web", "eu-central-1", 0);

        assertThatThrownBy(() -> activities.requestCertificate(portless))
                .isInstanceOf(ActivityFailure.class)
                .cause()
                .isInstanceOfSatisfying(
                        ApplicationFailure.class,
                        failure -> {
                            assertThat(failure.getType()).isEqualTo(StepFailure.APPLY_REJECTED);
                            assertThat(failure.isNonRetryable()).isTrue();
                            assertThat(failure.getOriginalMessage())
                                    .isEqualTo("port: must be between 1 and 65535 (got 0)");
                        });
    }
}
