package ink.ml.deploy.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.cluster.ClustersConfig;
import ink.ml.deploy.domain.Region;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.observability.logs.DockerEngineLogSource;
import ink.ml.deploy.observability.logs.LogQuery;
import ink.ml.deploy.observability.logs.LokiLogSource;
import ink.ml.deploy.observability.metrics.MetricsWindow;
import ink.ml.deploy.observability.metrics.PrometheusMetricsSource;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The source each region reads, with this library's and libs/cluster's defaults files below the
 * settings, as Quarkus reads them.
 */
class ObservabilitySourcesTest {
    private static final Region HOME = Region.of("eu-central-1");
    private static final ServiceRef WEB = ServiceRef.of("u42", "shop", "web");
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @Test
    void productionsRegionReadsLogsFromLokiAndFiguresFromPrometheus() {
        ObservabilitySources sources = sources(Map.of());

        assertThat(sources.logs(HOME)).isInstanceOf(LokiLogSource.class);
        assertThat(sources.metrics(HOME)).isInstanceOf(PrometheusMetricsSource.class);
        assertThat(sources.logs(HOME)).as("made once").isSameAs(sources.logs(HOME));
    }

    @Test
    void aRegionOnTheDockerTargetReadsLogsFromItsEngine() {
        ObservabilitySources sources =
                sources(
                        Map.of(
                                "mcpdeploy.clusters.regions.eu-central-1.execution-target",
                                "docker",
                                "mcpdeploy.observability.regions.eu-central-1.docker-host",
                                "unix:///run/apps/docker.sock"));

        assertThat(sources.logs(HOME)).isInstanceOf(DockerEngineLogSource.class);
    }

    @Test
    void anEmptiedSettingOverridesProductionsAndEveryReadSaysWhichSettingIsMissing() {
        ObservabilitySources sources =
                sources(
                        Map.of(
                                "mcpdeploy.observability.regions.eu-central-1.loki-url", "",
                                "mcpdeploy.observability.regions.eu-central-1.prometheus-url", ""));

        LogQuery lastHour =
                new LogQuery(
                        NOW.minus(Duration.ofHours(1)),
                        NOW,
                        Optional.empty(),
                        100,
                        Optional.empty());
        assertThatThrownBy(() -> sources.logs(HOME).read(WEB, lastHour))
                .isInstanceOfSatisfying(
                        ObservabilityUnavailableException.class,
                        e -> assertThat(e.dependency()).isEqualTo("Loki"))
                .hasMessageContaining("mcpdeploy.observability.regions.eu-central-1.loki-url");
        assertThatThrownBy(
                        () ->
                                sources.metrics(HOME)
                                        .read(
                                                WEB,
                                                new MetricsWindow(
                                                        NOW,
                                                        Duration.ofHours(1),
                                                        Duration.ofMinutes(1))))
                .isInstanceOfSatisfying(
                        ObservabilityUnavailableException.class,
                        e -> assertThat(e.dependency()).isEqualTo("Prometheus"))
                .hasMessageContaining(
                        "mcpdeploy.observability.regions.eu-central-1.prometheus-url");
    }

    @Test
    void aDockerRegionWithoutItsEngineSaysSo() {
        ObservabilitySources sources =
                sources(
                        Map.of(
                                "mcpdeploy.clusters.regions.eu-central-1.execution-target",
                                "docker"));

        assertThatThrownBy(() -> sources.logs(HOME).tail(WEB, Optional.empty(), null))
                .isInstanceOf(ObservabilityUnavailableException.class)
                .hasMessageStartingWith("the Docker engine is unavailable")
                .hasMessageContaining("docker-host");
    }

    private static ObservabilitySources sources(Map<String, String> settings) {
        SmallRyeConfig config =
                new SmallRyeConfigBuilder()
                        .addDefaultSources()
                        .addDefaultInterceptors()
                        .withSources(new PropertiesConfigSource(settings, "test", 500))
                        // Quarkus's own reading of durations such as 5s.
                        .withConverter(Duration.class, 100, new DurationConverter())
                        .withMapping(ClustersConfig.class)
                        .withMapping(ObservabilityConfig.class)
                        .build();
        return new ObservabilitySources(
                config.getConfigMapping(ClustersConfig.class).toClusters(),
                config.getConfigMapping(ObservabilityConfig.class));
    }
}
