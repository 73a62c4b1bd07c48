package ink.ml.deploy.deployer.worker.run.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EdgeRouteTest {

    @Test
    void acceptsPlatformHostnameAndContainerAddress() {
        EdgeRoute route = new EdgeRoute("web-demo-local.localhost", "172.18.0.5:8080");

        assertThat(route.hostname()).isEqualTo("web-demo-local.localhost");
        assertThat(route.upstream()).isEqualTo("172.18.0.5:8080");
    }

    @Test
    void lowerCasesTheHostname() {
        assertThat(EdgeRoute.hostname("Web-Demo-Local.ML.ink")).isEqualTo("web-demo-local.ml.ink");
    }

    @Test
    void acceptsBracketedIpv6Upstream() {
        assertThat(EdgeRoute.upstream("[fd00::5]:8080")).isEqualTo("[fd00::5]:8080");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "localhost",
                "web demo.localhost",
                "-web.localhost",
                "web-.localhost",
                "web..localhost",
                "web.localhost.",
                "web_demo.localhost",
                "*.localhost",
                "10.0.0.1",
                "web.localhost:8080"
            })
    void refusesWhatIsNotADnsName(String hostname) {
        assertThatThrownBy(() -> EdgeRoute.hostname(hostname))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("hostname ");
    }

    @Test
    void refusesAHostnameLongerThanDnsAllows() {
        String label = "a".repeat(63);
        String name = String.join(".", label, label, label, label) + ".localhost";

        assertThatThrownBy(() -> EdgeRoute.hostname(name))
                .hasMessageStartingWith("hostname must be at most 253 characters");
    }

    @Test
    void refusesALabelLongerThan63() {
        assertThatThrownBy(() -> EdgeRoute.hostname("a".repeat(64) + ".localhost"))
                .hasMessageStartingWith("hostname ");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "web:8080",
                "172.18.0.5",
                "172.18.0.5:",
                "172.18.0.5:0",
                "172.18.0.5:65536",
                "172.18.0.5:http",
                "256.0.0.1:80",
                "172.18.0:80",
                "fd00::5:8080",
                "http://172.18.0.5:8080"
            })
    void refusesWhatIsNotIpAndPort(String upstream) {
        assertThatThrownBy(() -> EdgeRoute.upstream(upstream))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("upstream must be ip:port")
                .hasMessageContaining("(got ");
    }

    @Test
    void refusesNullNamingTheField() {
        assertThatThrownBy(() -> new EdgeRoute(null, "172.18.0.5:8080"))
                .hasMessage("hostname is required (got nothing)");
        assertThatThrownBy(() -> new EdgeRoute("web-demo-local.localhost", null))
                .hasMessageStartingWith("upstream is required");
    }
}
