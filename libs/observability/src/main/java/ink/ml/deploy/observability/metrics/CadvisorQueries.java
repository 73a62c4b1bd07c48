package ink.ml.deploy.observability.metrics;

import ink.ml.deploy.domain.ServiceRef;
import java.time.Duration;
import java.util.Objects;

/**
 * The PromQL that reads one service's figures: cAdvisor's pod-level series ({@code job="kubelet",
 * container=""}: the pod's cgroup, which under gVisor holds the whole sandbox, so it is the app's
 * own use and not the sum of its containers' CRI stats) of the service's pods in its project's
 * namespace, summed over the pods. Both execution targets export these names: a cluster's kubelet
 * (cAdvisor) and kube-state-metrics, and the Docker target's exporter on the deployer-worker.
 *
 * <p>Every selector value comes from the {@link ServiceRef}, never from a caller's text, and is
 * escaped for a PromQL string literal (and the service name for a regular expression), so no
 * service can read another's series.
 *
 * <p>Pods: a Deployment's pods are named {@code <deployment>-<replica set hash>-<pod hash>}, and
 * the Deployment is named after the service ({@code ServiceNames.deploymentName}), so the pods are
 * {@code pod=~"<service>-[a-z0-9]+-[a-z0-9]+"}. PromQL anchors the expression at both ends, and
 * neither hash holds a hyphen, so service {@code web} never matches a pod of {@code web-api}.
 */
public final class CadvisorQueries {
    /**
     * The job under which cAdvisor's series are scraped (the kubelet's {@code /metrics/cadvisor}).
     */
    public static final String JOB = "kubelet";

    /**
     * The shortest window a rate is taken over: 4 scrape intervals at the 15 s a kubelet is usually
     * scraped at. Prometheus needs two samples inside the window for a rate; four intervals leave
     * room for a missed or late scrape without a gap in the series.
     */
    public static final Duration MIN_RATE_WINDOW = Duration.ofMinutes(1);

    /** The series these queries read: what every exporter of a target must write. */
    public static final String MEMORY = "container_memory_working_set_bytes";

    public static final String CPU = "container_cpu_usage_seconds_total";
    public static final String RECEIVE = "container_network_receive_bytes_total";
    public static final String TRANSMIT = "container_network_transmit_bytes_total";
    public static final String RESTARTS = "kube_pod_container_status_restarts_total";

    private static final String POD_NAME_SUFFIX = "-[a-z0-9]+-[a-z0-9]+";

    private final ServiceRef service;
    private final Duration rateWindow;

    private CadvisorQueries(ServiceRef service, Duration rateWindow) {
        this.service = service;
        this.rateWindow = rateWindow;
    }

    /**
     * The queries of {@code service} for points every {@code step}, with Prometheus scraping every
     * {@code scrapeInterval}.
     *
     * <p>Rates are taken over {@code max(step, 4 × scrapeInterval)}: at least the step, so that
     * every sample between two points counts in one of them (a narrower window skips what happened
     * between points); at least four scrapes, so that every window holds two samples or more even
     * after a missed scrape.
     */
    public static CadvisorQueries of(ServiceRef service, Duration step, Duration scrapeInterval) {
        Objects.requireNonNull(service, "service");
        Duration floor = scrapeInterval.multipliedBy(4);
        return new CadvisorQueries(service, step.compareTo(floor) > 0 ? step : floor);
    }

    /** What a rate is taken over. */
    public Duration rateWindow() {
        return rateWindow;
    }

    /** Bytes of memory the pods' working sets hold: what the kernel would not take back. */
    public String memoryWorkingSetBytes() {
        return "sum(" + MEMORY + podSeries() + ")";
    }

    /** CPU in cores: seconds of CPU per second. */
    public String cpuCores() {
        return rate(CPU);
    }

    /** Bytes per second the pods received, over every interface of their network namespace. */
    public String networkReceiveBytesPerSecond() {
        return rate(RECEIVE);
    }

    /** Bytes per second the pods sent. */
    public String networkTransmitBytesPerSecond() {
        return rate(TRANSMIT);
    }

    /**
     * Restarts in the rate window before each point, of any of the pods' containers: per series the
     * counter's highest value in the window less its lowest, so exactly the restarts seen, never
     * increase()'s extrapolation to the window's edges (which reads two restarts as up to four when
     * few samples fall in the window).
     *
     * <p>kube-state-metrics' name: the kubelet's cAdvisor does not count restarts. Its series are
     * per container ({@code container="app"}) under kube-state-metrics' own job, so this selects by
     * namespace and pod alone; the Docker target's exporter writes the same series. One container
     * scraped by two jobs (or two replicas of kube-state-metrics) is counted once: the highest of
     * its copies.
     */
    public String restarts() {
        String series = RESTARTS + "{" + podLabels() + "}[" + duration(rateWindow) + "]";
        return "sum(max by (namespace, pod, container) (max_over_time("
                + series
                + ") - min_over_time("
                + series
                + ")))";
    }

    private String rate(String counter) {
        return "sum(rate(" + counter + podSeries() + "[" + duration(rateWindow) + "]))";
    }

    /** The pod-level series of cAdvisor for the service's pods. */
    private String podSeries() {
        return "{job=" + literal(JOB) + ", container=\"\", " + podLabels() + "}";
    }

    private String podLabels() {
        return "namespace="
                + literal(service.namespace())
                + ", pod=~"
                + literal(podPattern(service));
    }

    /** The regular expression that matches exactly the names of the service's pods. */
    public static String podPattern(ServiceRef service) {
        return regexQuoted(service.service().value()) + POD_NAME_SUFFIX;
    }

    /** A PromQL duration in whole seconds, at least one. */
    static String duration(Duration duration) {
        return Math.max(1, duration.toSeconds()) + "s";
    }

    /** A PromQL (Go) double-quoted string literal holding {@code value} exactly. */
    static String literal(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> quoted.append("\\\\");
                case '"' -> quoted.append("\\\"");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    /** {@code value} as a regular expression (RE2) that matches only itself. */
    static String regexQuoted(String value) {
        StringBuilder quoted = new StringBuilder();
        for (char c : value.toCharArray()) {
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.toString();
    }
}
