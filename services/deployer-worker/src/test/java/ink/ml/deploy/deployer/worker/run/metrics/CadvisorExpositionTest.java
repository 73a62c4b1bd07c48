package ink.ml.deploy.deployer.worker.run.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.deployer.worker.run.metrics.ContainerUsage.InterfaceCounters;
import java.util.List;
import org.junit.jupiter.api.Test;

class CadvisorExpositionTest {
    @Test
    void writesCadvisorsPodLevelSeriesAndKubeStateMetricsRestarts() {
        String text =
                CadvisorExposition.write(
                        List.of(
                                new CadvisorExposition.PodSample(
                                        "dp-alice-shop",
                                        "web-d1-9ea84486f4e8",
                                        new ContainerUsage(
                                                104857600,
                                                12.5,
                                                List.of(new InterfaceCounters("eth0", 1252, 340))),
                                        3)));

        assertThat(text.lines())
                .contains(
                        "# TYPE container_memory_working_set_bytes gauge",
                        "container_memory_working_set_bytes{container=\"\",namespace=\"dp-alice-shop\",pod=\"web-d1-9ea84486f4e8\"} 104857600",
                        "# TYPE container_cpu_usage_seconds_total counter",
                        "container_cpu_usage_seconds_total{container=\"\",namespace=\"dp-alice-shop\",pod=\"web-d1-9ea84486f4e8\"} 12.5",
                        "container_network_receive_bytes_total{container=\"\",namespace=\"dp-alice-shop\",pod=\"web-d1-9ea84486f4e8\",interface=\"eth0\"} 1252",
                        "container_network_transmit_bytes_total{container=\"\",namespace=\"dp-alice-shop\",pod=\"web-d1-9ea84486f4e8\",interface=\"eth0\"} 340",
                        "kube_pod_container_status_restarts_total{container=\"app\",namespace=\"dp-alice-shop\",pod=\"web-d1-9ea84486f4e8\"} 3");
        assertThat(text).doesNotContain("job=");
    }

    @Test
    void escapesLabelValuesAsTheTextFormatRequires() {
        assertThat(CadvisorExposition.quoted("a\"b\\c\nd")).isEqualTo("\"a\\\"b\\\\c\\nd\"");
    }
}
