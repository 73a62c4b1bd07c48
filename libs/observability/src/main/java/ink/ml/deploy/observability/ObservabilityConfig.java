package ink.ml.deploy.observability;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where each region's logs and metrics are read ({@code mcpdeploy.observability.*}). A region on
 * the {@code kubernetes} target reads logs from Loki; one on the {@code docker} target from its
 * Docker engine; both read metrics from Prometheus. Production's endpoints are the default, in this
 * library's {@code META-INF/microprofile-config.properties}.
 */
@ConfigMapping(prefix = "mcpdeploy.observability")
public interface ObservabilityConfig {
    String PREFIX = "mcpdeploy.observability";

    /**
     * How long one read (or a tail's connect) may take before the API answers UNAVAILABLE naming
     * the dependency.
     */
    @WithDefault("5s")
    Duration timeout();

    /** The sources by region id, e.g. {@code mcpdeploy.observability.regions.eu-central-1.*}. */
    Map<String, RegionSources> regions();

    /** One region's sources; an unset one makes that read answer UNAVAILABLE, saying so. */
    interface RegionSources {
        /** Loki's HTTP API base, e.g. {@code https://loki.ml.ink}: runtime logs in a cluster. */
        Optional<URI> lokiUrl();

        /**
         * The Docker engine that runs the region's apps, {@code unix:///…/docker.sock}: runtime
         * logs on one machine.
         */
        Optional<String> dockerHost();

        /** Prometheus's HTTP API base, e.g. {@code https://prometheus.ml.ink}: metrics. */
        Optional<URI> prometheusUrl();

        /**
         * How often that Prometheus scrapes the apps' series: rates are taken over at least four
         * scrapes, so that each window holds two samples even after a missed one.
         */
        @WithDefault("15s")
        Duration prometheusScrapeInterval();
    }
}
