package ink.ml.deploy.deployer.worker.run.edge;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.testing.TemporalTestServerResource;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.quarkus.arc.InjectableBean;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The edge as the Docker target gets it: injectable, and made only when first used. */
@QuarkusTest
@WithTestResource(TemporalTestServerResource.class)
class EdgeBeansTest {

    @Inject EdgeRoutes edge;
    @Inject EdgeConfig config;

    @Test
    void edgeIsNotMadeAtStartSoNothingCallsTheProxyUntilItIsUsed() {
        InjectableBean<EdgeRoutes> bean = Arc.container().instance(EdgeRoutes.class).getBean();

        assertThat(edge).isInstanceOf(ClientProxy.class);
        assertThat(Arc.container().getActiveContext(ApplicationScoped.class).get(bean)).isNull();
    }

    @Test
    void configDefaultsToHaproxyWithItsSocketAndMapFileAndPort8080OnEveryInterface() {
        assertThat(config.kind()).isEqualTo(EdgeKind.HAPROXY);
        assertThat(config.adminSocket()).isEqualTo("/run/mcpdeploy/edge/haproxy.sock");
        assertThat(config.mapFile()).isEqualTo("/var/lib/mcpdeploy/edge/routes.map");
        assertThat(config.adminUrl()).isEqualTo("http://127.0.0.1:2019");
        assertThat(config.listenPort()).isEqualTo(8080);
        assertThat(config.listenHost()).isEmpty();
        assertThat(config.adminTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void kindChoosesTheProxy() {
        EdgeBeans beans = new EdgeBeans();

        assertThat(beans.edgeRoutes(withKind(EdgeKind.HAPROXY)))
                .isInstanceOf(HaproxyEdgeRoutes.class);
        assertThat(beans.edgeRoutes(withKind(EdgeKind.CADDY))).isInstanceOf(CaddyEdgeRoutes.class);
    }

    @Test
    void customDomainsDefaultToTlsOnPort8443WithTheirMapsAndCertificatesBesideTheRoutes() {
        assertThat(config.tlsPort()).isEqualTo(8443);
        assertThat(config.domainsMapFile()).isEqualTo("/var/lib/mcpdeploy/edge/domains.map");
        assertThat(config.challengesMapFile()).isEqualTo("/run/mcpdeploy/edge/acme-challenges.map");
        assertThat(config.certificatesDirectory())
                .isEqualTo("/var/lib/mcpdeploy/edge/certificates");
        assertThat(config.crtListFile()).isEqualTo("/var/lib/mcpdeploy/edge/certificates.list");
    }

    @Test
    void onlyTheHaproxyEdgeServesCustomDomainsAndCaddySaysSo() {
        EdgeBeans beans = new EdgeBeans();

        EdgeDomains haproxy = beans.edgeDomains(withKind(EdgeKind.HAPROXY));
        EdgeDomains caddy = beans.edgeDomains(withKind(EdgeKind.CADDY));

        assertThat(haproxy).isInstanceOf(HaproxyEdgeDomains.class);
        assertThat(haproxy.unsupportedReason()).isEmpty();
        assertThat(caddy.unsupportedReason())
                .hasValueSatisfying(
                        reason ->
                                assertThat(reason)
                                        .contains("mcpdeploy.edge.kind=haproxy")
                                        .contains("caddy"));
        assertThat(caddy.domains()).isEmpty();
    }

    /** The injected settings with another kind; making either edge does no I/O. */
    private EdgeConfig withKind(EdgeKind kind) {
        return new EdgeConfig() {
            @Override
            public EdgeKind kind() {
                return kind;
            }

            @Override
            public String adminSocket() {
                return config.adminSocket();
            }

            @Override
            public String mapFile() {
                return config.mapFile();
            }

            @Override
            public String adminUrl() {
                return config.adminUrl();
            }

            @Override
            public int listenPort() {
                return config.listenPort();
            }

            @Override
            public java.util.Optional<String> listenHost() {
                return config.listenHost();
            }

            @Override
            public Duration adminTimeout() {
                return config.adminTimeout();
            }

            @Override
            public String domainsMapFile() {
                return config.domainsMapFile();
            }

            @Override
            public String challengesMapFile() {
                return config.challengesMapFile();
            }

            @Override
            public String certificatesDirectory() {
                return config.certificatesDirectory();
            }

            @Override
            public String crtListFile() {
                return config.crtListFile();
            }

            @Override
            public int tlsPort() {
                return config.tlsPort();
            }
        };
    }
}
