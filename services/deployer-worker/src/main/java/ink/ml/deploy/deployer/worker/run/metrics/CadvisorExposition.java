package ink.ml.deploy.deployer.worker.run.metrics;

import ink.ml.deploy.k8s.ServiceNames;
import java.util.List;

/**
 * Writes containers' figures in Prometheus's text format (0.0.4) under cAdvisor's metric names and
 * pod-level label set ({@code namespace}, {@code pod}, {@code container=""}, and {@code interface}
 * for network counters), and their restarts under kube-state-metrics' name and labels ({@code
 * container="app"}). The {@code job} label is not written: it comes from the scrape config, which
 * names the job {@code kubelet} as a cluster's does for cAdvisor.
 */
final class CadvisorExposition {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** One running container's figures and where they belong. */
    record PodSample(String namespace, String pod, ContainerUsage usage, int restarts) {}

    private CadvisorExposition() {}

    static String write(List<PodSample> samples) {
        StringBuilder text = new StringBuilder();
        family(
                text,
                "container_memory_working_set_bytes",
                "gauge",
                "Current working set in bytes.");
        for (PodSample sample : samples) {
            line(
                    text,
                    "container_memory_working_set_bytes",
                    podLabels(sample, ""),
                    sample.usage().memoryWorkingSetBytes());
        }
        family(
                text,
                "container_cpu_usage_seconds_total",
                "counter",
                "Cumulative cpu time consumed in seconds.");
        for (PodSample sample : samples) {
            line(
                    text,
                    "container_cpu_usage_seconds_total",
                    podLabels(sample, ""),
                    sample.usage().cpuUsageSeconds());
        }
        family(
                text,
                "container_network_receive_bytes_total",
                "counter",
                "Cumulative count of bytes received.");
        for (PodSample sample : samples) {
            for (ContainerUsage.InterfaceCounters network : sample.usage().network()) {
                line(
                        text,
                        "container_network_receive_bytes_total",
                        podLabels(sample, "") + ",interface=" + quoted(network.name()),
                        network.receiveBytes());
            }
        }
        family(
                text,
                "container_network_transmit_bytes_total",
                "counter",
                "Cumulative count of bytes transmitted.");
        for (PodSample sample : samples) {
            for (ContainerUsage.InterfaceCounters network : sample.usage().network()) {
                line(
                        text,
                        "container_network_transmit_bytes_total",
                        podLabels(sample, "") + ",interface=" + quoted(network.name()),
                        network.transmitBytes());
            }
        }
        family(
                text,
                "kube_pod_container_status_restarts_total",
                "counter",
                "The number of container restarts per container.");
        for (PodSample sample : samples) {
            line(
                    text,
                    "kube_pod_container_status_restarts_total",
                    podLabels(sample, ServiceNames.CONTAINER),
                    sample.restarts());
        }
        return text.toString();
    }

    private static String podLabels(PodSample sample, String container) {
        return "container="
                + quoted(container)
                + ",namespace="
                + quoted(sample.namespace())
                + ",pod="
                + quoted(sample.pod());
    }

    private static void family(StringBuilder text, String name, String type, String help) {
        text.append("# HELP ").append(name).append(' ').append(help).append('\n');
        text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void line(StringBuilder text, String name, String labels, double value) {
        text.append(name)
                .append('{')
                .append(labels)
                .append("} ")
                .append(number(value))
                .append('\n');
    }

    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        // Go's ParseFloat, which Prometheus reads with, takes Java's shortest exact form.
        return Double.toString(value);
    }

    /** A label value in the text format: backslash, double quote and newline escaped. */
    static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
