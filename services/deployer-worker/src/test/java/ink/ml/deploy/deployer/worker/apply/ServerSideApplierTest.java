package ink.ml.deploy.deployer.worker.apply;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.domain.AppPort;
import ink.ml.deploy.domain.CustomDomain;
import ink.ml.deploy.k8s.CustomDomainResources;
import ink.ml.deploy.k8s.CustomDomainSpec;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * The production applier's request. No API server here can do server-side apply (the fabric8 mock
 * in CRUD mode answers 415), so this checks the request against the mock in expectation mode: what
 * a real API server would receive.
 */
@EnableKubernetesMockClient
class ServerSideApplierTest {
    static KubernetesMockServer server;
    static KubernetesClient client;

    @Test
    void sendsAnApplyPatchUnderTheDeployersFieldManagerForcingConflicts() throws Exception {
        Deployment deployment = WorkloadFixtures.deployment("dep-1");
        server.expect()
                .patch()
                .withPath(
                        "/apis/apps/v1/namespaces/dp-u42-shop/deployments/web"
                                + "?fieldManager=mcpdeploy-deployer&force=true")
                .andReturn(200, deployment)
                .once();

        new ServerSideApplier(client).apply(deployment);

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("PATCH");
        assertThat(request.getHeader("Content-Type")).startsWith("application/apply-patch+yaml");
        assertThat(request.getBody().readUtf8())
                .contains("dp.ml.ink/deployment-id")
                .contains("dep-1");
    }

    /**
     * cert-manager's Certificate is a generic resource: the client finds its endpoint through the
     * API server's discovery of cert-manager.io/v1, which a cluster with cert-manager serves.
     */
    @Test
    void appliesTheCertManagerCertificateAtTheEndpointDiscoveryNames() throws Exception {
        GenericKubernetesResource certificate =
                CustomDomainResources.from(
                                new CustomDomainSpec(
                                        WorkloadFixtures.WEB,
                                        new CustomDomain("app.example.com"),
                                        AppPort.of(3000)))
                        .certificate();
        // spotless:off
        server.expect()
                .get()
                .withPath("/apis/cert-manager.io/v1")
                .andReturn(200, new APIResourceListBuilder()
                        .withGroupVersion("cert-manager.io/v1")
                        .addNewResource()
                            .withName("certificates")
                            .withKind("Certificate")
                            .withNamespaced(true)
                            .withVerbs("get", "list", "create", "patch", "delete")
                        .endResource()
                        .build())
                .once();
        // spotless:on
        server.expect()
                .patch()
                .withPath(
                        "/apis/cert-manager.io/v1/namespaces/dp-u42-shop/certificates/app.example.com"
                                + "?fieldManager=mcpdeploy-deployer&force=true")
                .andReturn(200, certificate)
                .once();

        new ServerSideApplier(client).apply(certificate);

        assertThat(server.takeRequest().getPath()).isEqualTo("/apis/cert-manager.io/v1");
        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("PATCH");
        assertThat(request.getHeader("Content-Type")).startsWith("application/apply-patch+yaml");
        assertThat(request.getBody().readUtf8()).contains("letsencrypt-prod");
    }
}
