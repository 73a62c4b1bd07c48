package ink.ml.deploy.observability.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.domain.ServiceRef;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CadvisorQueriesTest {
    private static final ServiceRef WEB = ServiceRef.of("alice", "shop", "web");

    @Test
    void selectsThePodLevelSeriesOfTheServicesPodsInItsOwnNamespace() {
        CadvisorQueries queries =
                CadvisorQueries.of(WEB, Duration.ofSeconds(60), Duration.ofSeconds(15));

        assertThat(queries.memoryWorkingSetBytes())
                .isEqualTo(
                        "sum(container_memory_working_set_bytes{job=\"kubelet\", container=\"\","
                                + " namespace=\"dp-alice-shop\","
                                + " pod=~\"web-[a-z0-9]+-[a-z0-9]+\"})");
        assertThat(queries.cpuCores())
                .isEqualTo(
                        "sum(rate(container_cpu_usage_seconds_total{job=\"kubelet\","
                                + " container=\"\", namespace=\"dp-alice-shop\","
                                + " pod=~\"web-[a-z0-9]+-[a-z0-9]+\"}[60s]))");
        assertThat(queries.networkReceiveBytesPerSecond())
                .startsWith("sum(rate(container_network_receive_bytes_total{job=\"kubelet\"");
        assertThat(queries.networkTransmitBytesPerSecond())
                .startsWith("sum(rate(container_network_transmit_bytes_total{job=\"kubelet\"");
        assertThat(queries.restarts())
                .isEqualTo(
                        "sum(max by (namespace, pod, container)"
                                + " (max_over_time(kube_pod_container_status_restarts_total{"
                                + "namespace=\"dp-alice-shop\","
                                + " pod=~\"web-[a-z0-9]+-[a-z0-9]+\"}[60s])"
                                + " - min_over_time(kube_pod_container_status_restarts_total{"
                                + "namespace=\"dp-alice-shop\","
                                + " pod=~\"web-[a-z0-9]+-[a-z0-9]+\"}[60s])))");
    }

    @Test
    void podPatternMatchesTheServicesPodsAndNeverAnotherServiceWhoseNameItStarts() {
        // PromQL anchors =~ at both ends, as Java's matches() does.
        Pattern web = Pattern.compile(CadvisorQueries.podPattern(WEB));
        Pattern webApi =
                Pattern.compile(
                        CadvisorQueries.podPattern(ServiceRef.of("alice", "shop", "web-api")));

        assertThat(web.matcher("web-7d9f8c6b5-x2k4q").matches()).isTrue();
        assertThat(web.matcher("web-api-7d9f8c6b5-x2k4q").matches()).isFalse();
        assertThat(web.matcher("web-7d9f8c6b5").matches()).isFalse();
        assertThat(web.matcher("frontweb-7d9f8c6b5-x2k4q").matches()).isFalse();
        assertThat(webApi.matcher("web-api-7d9f8c6b5-x2k4q").matches()).isTrue();
        assertThat(webApi.matcher("web-7d9f8c6b5-x2k4q").matches()).isFalse();
    }

    @Test
    void ratesSpanAtLeastFourScrapesAndAtLeastTheStep() {
        assertThat(
                        CadvisorQueries.of(WEB, Duration.ofSeconds(1), Duration.ofSeconds(1))
                                .rateWindow())
                .isEqualTo(Duration.ofSeconds(4));
        assertThat(
                        CadvisorQueries.of(WEB, Duration.ofSeconds(10), Duration.ofSeconds(15))
                                .rateWindow())
                .isEqualTo(Duration.ofSeconds(60));
        assertThat(
                        CadvisorQueries.of(WEB, Duration.ofMinutes(5), Duration.ofSeconds(15))
                                .rateWindow())
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void escapesStringLiteralsAndRegularExpressions() {
        assertThat(CadvisorQueries.literal("a\"b\\c\nd")).isEqualTo("\"a\\\"b\\\\c\\nd\"");
        assertThat(CadvisorQueries.regexQuoted("a.b*c")).isEqualTo("a\\.b\\*c");
    }
}
