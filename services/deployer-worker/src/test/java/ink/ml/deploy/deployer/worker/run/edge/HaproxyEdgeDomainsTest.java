package ink.ml.deploy.deployer.worker.run.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.acme.Http01Responder;
import ink.ml.deploy.testing.HaproxyProcess;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The edge's HTTP-01 answers and custom-domain bookkeeping on the real HAProxy (Debian's 2.6);
 * issuance and TLS with a real ACME server are {@code DockerCustomDomainTargetTest}'s. Skipped
 * where HAProxy is not installed (fails in CI).
 */
class HaproxyEdgeDomainsTest {
    private static final String TOKEN = "9MrjAU5GIWaFLpDWwlBFCiGmEAPE0FuNzApKCE7V-SQ";
    private static final String KEY_AUTHORIZATION = TOKEN + ".bH1zgw3Q5B-c6mWtJ0iGV3mLpdyp2d";

    private static HaproxyProcess haproxy;
    private static TestUpstream app;

    @BeforeAll
    static void startHaproxy() throws Exception {
        haproxy = HaproxyProcess.startOrSkip();
        app = TestUpstream.start("app");
    }

    @AfterAll
    static void stopHaproxy() throws Exception {
        if (app != null) {
            app.close();
        }
        if (haproxy != null) {
            haproxy.close();
        }
    }

    private static HaproxyEdgeDomains domains() {
        return new HaproxyEdgeDomains(
                haproxy.adminSocket(),
                haproxy.domainsMapFile(),
                haproxy.challengesMapFile(),
                haproxy.certificatesDirectory(),
                haproxy.crtListFile(),
                Duration.ofSeconds(10));
    }

    @Test
    void answersAPublishedHttp01TokenItselfForADomainThatHasNoRoute() throws Exception {
        Http01Responder challenges = domains().challenges();

        challenges.publish(TOKEN, KEY_AUTHORIZATION);
        try (EdgeTestClient client = new EdgeTestClient(haproxy.edgePort())) {
            EdgeTestClient.Response answer =
                    client.get("unrouted.example.test", "/.well-known/acme-challenge/" + TOKEN);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.headers()).containsEntry("content-type", "text/plain");
            assertThat(answer.body()).isEqualTo(KEY_AUTHORIZATION);
        } finally {
            challenges.withdraw(TOKEN);
        }
    }

    @Test
    void answersHttp01BeforeTheRouteOfARoutedHost() throws Exception {
        HaproxyEdgeRoutes routes =
                new HaproxyEdgeRoutes(
                        haproxy.adminSocket(), haproxy.mapFile(), Duration.ofSeconds(10));
        routes.route("routed-demo-local.localhost", app.address());
        Http01Responder challenges = domains().challenges();

        challenges.publish(TOKEN, KEY_AUTHORIZATION);
        try (EdgeTestClient client = new EdgeTestClient(haproxy.edgePort())) {
            assertThat(
                            client.get(
                                            "routed-demo-local.localhost",
                                            "/.well-known/acme-challenge/" + TOKEN)
                                    .body())
                    .isEqualTo(KEY_AUTHORIZATION);
            assertThat(client.get("routed-demo-local.localhost", "/").body()).isEqualTo("app");
        } finally {
            challenges.withdraw(TOKEN);
            routes.remove("routed-demo-local.localhost");
        }
    }

    @Test
    void aWithdrawnOrUnknownTokenGetsTheEdges404AndWithdrawingAgainIsNothing() throws Exception {
        Http01Responder challenges = domains().challenges();
        challenges.publish(TOKEN, KEY_AUTHORIZATION);

        challenges.withdraw(TOKEN);

        try (EdgeTestClient client = new EdgeTestClient(haproxy.edgePort())) {
            for (String token : new String[] {TOKEN, "unknown-token"}) {
                EdgeTestClient.Response answer =
                        client.get("unrouted.example.test", "/.well-known/acme-challenge/" + token);
                assertThat(answer.status()).as(token).isEqualTo(404);
                assertThat(answer.body()).as(token).isEqualTo(HaproxyProcess.NOT_FOUND_BODY);
            }
        }
        assertThatCode(() -> challenges.withdraw(TOKEN)).doesNotThrowAnyException();
    }

    @Test
    void refusesATokenThatCouldSplitAnAdminCommand() {
        Http01Responder challenges = domains().challenges();

        assertThatThrownBy(() -> challenges.publish("a b", KEY_AUTHORIZATION))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("token ");
        assertThatThrownBy(() -> challenges.publish(TOKEN, "x;del map"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("keyAuthorization ");
    }

    @Test
    void servingADomainWithoutAKeptCertificateSaysSoAndAliasesNothing() {
        HaproxyEdgeDomains domains = domains();

        assertThatThrownBy(() -> domains.serve("nocert.example.test", "web-demo-local.localhost"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no certificate is kept for nocert.example.test");
        assertThat(domains.domains()).doesNotContainKey("nocert.example.test");
    }

    @Test
    void removingADomainTheEdgeNeverHeldIsNothing() {
        assertThatCode(() -> domains().remove("never.example.test")).doesNotThrowAnyException();
    }
}
