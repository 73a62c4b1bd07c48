package ink.ml.deploy.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.domain.GitSha;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.observability.logs.LogLine;
import ink.ml.deploy.observability.logs.LogStream;
import ink.ml.deploy.observability.metrics.ResourceSeries;
import ink.ml.deploy.observability.metrics.Sample;
import ink.ml.deploy.observability.testing.RecordedObservability;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.deployments.DeploymentRecords;
import ink.ml.deploy.platform.deployments.DeploymentView;
import ink.ml.deploy.platform.deployments.Deployments;
import ink.ml.deploy.platform.deployments.NewDeployment;
import ink.ml.deploy.platform.services.CreateServiceRequest;
import ink.ml.deploy.platform.services.Services;
import ink.ml.deploy.testing.PostgresTestResource;
import ink.ml.deploy.testing.TemporalTestServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * get_logs, get_metrics and get_service's runtime lines through the official MCP SDK client, over
 * the real database, with the log and metrics sources recorded ({@link RecordedObservability}).
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = TemporalTestServerResource.class, parallel = true)
class ObservabilityToolsTest {
    private static final String OWNER = "obsowner";
    private static final String STRANGER = "obsstrngr";

    @TestHTTPResource("/")
    URI server;

    @Inject ToolFixtures fixtures;
    @Inject Services services;
    @Inject Deployments deployments;
    @Inject DeploymentRecords records;
    @Inject RecordedObservability sources;

    private Caller owner;
    private McpTestClient mcp;

    @BeforeEach
    void connect() {
        owner = fixtures.user(OWNER);
        mcp = McpTestClient.connect(server, fixtures.apiKey(owner), Optional.empty());
    }

    @AfterEach
    void disconnect() {
        mcp.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void runtimeLogsShowTheNewestLinesLastAndNextReadsTheOlderOnes() {
        String name = name();
        String serviceId = service(name);
        ServiceRef ref = ref(name);
        Instant now = Instant.now();
        sources.write(ref, line(now.minusSeconds(30), LogStream.STDOUT, "listening on 3000"));
        sources.write(ref, line(now.minusSeconds(20), LogStream.STDOUT, "GET / 200"));
        sources.write(ref, line(now.minusSeconds(10), LogStream.STDERR, "x".repeat(2000)));

        Map<String, Object> newest = mcp.ok("get_logs", Map.of("serviceId", serviceId, "limit", 2));
        List<String> lines = (List<String>) newest.get("lines");

        assertThat(newest).containsEntry("kind", "runtime");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).endsWith(" stdout GET / 200");
        assertThat(lines.get(1))
                .contains(" stderr xxx")
                .endsWith("… [1500 more chars cut]")
                .hasSizeLessThan(600);
        assertThat((String) newest.get("note")).contains("cut");
        String next = (String) newest.get("next");
        assertThat(next)
                .startsWith("Older lines exist: call get_logs with serviceId=\"" + serviceId);

        Map<String, Object> older =
                mcp.ok(
                        "get_logs",
                        Map.of(
                                "serviceId",
                                serviceId,
                                "since",
                                argument(next, "since"),
                                "until",
                                argument(next, "until"),
                                "limit",
                                2));

        assertThat((List<String>) older.get("lines"))
                .singleElement()
                .satisfies(l -> assertThat(l).endsWith(" stdout listening on 3000"));
        assertThat(older).doesNotContainKey("next");
    }

    @Test
    @SuppressWarnings("unchecked")
    void buildLogsAreTheNewestDeploymentsEndAndNextGoesFurtherBack() {
        String serviceId = service(name());
        DeploymentView failed =
                failedDeployment(
                        serviceId,
                        List.of("#1 load", "#2 FROM node", "#3 RUN npm ci", "#4 ERROR: exit 1"));

        Map<String, Object> end =
                mcp.ok("get_logs", Map.of("serviceId", serviceId, "kind", "build", "limit", 2));
        Map<String, Object> before =
                mcp.ok(
                        "get_logs",
                        Map.of(
                                "serviceId",
                                serviceId,
                                "kind",
                                "build",
                                "deploymentId",
                                failed.id(),
                                "beforeLine",
                                3,
                                "limit",
                                2));

        assertThat(end).containsEntry("deploymentId", failed.id());
        assertThat((List<String>) end.get("lines"))
                .extracting(l -> l.substring(l.indexOf(" #") + 1))
                .containsExactly("#3 #3 RUN npm ci", "#4 #4 ERROR: exit 1");
        assertThat((String) end.get("next"))
                .contains("kind=\"build\"")
                .contains("deploymentId=\"" + failed.id() + "\"")
                .contains("beforeLine=3");
        assertThat((List<String>) before.get("lines"))
                .extracting(l -> l.substring(l.indexOf(" #") + 1))
                .containsExactly("#1 #1 load", "#2 #2 FROM node");
        assertThat(before).doesNotContainKey("next");
    }

    @Test
    @SuppressWarnings("unchecked")
    void getServiceShowsTheLastLinesTheAppWroteWhenItsDeploymentFailed() {
        String name = name();
        String serviceId = service(name);
        DeploymentView failed = failedDeployment(serviceId, List.of("#1 done"));
        sources.write(
                ref(name),
                new LogLine(
                        failed.createdAt().plusMillis(1),
                        LogStream.STDERR,
                        "Error: DATABASE_URL is not set",
                        Optional.of(DeploymentId.of(failed.id()))));

        Map<String, Object> status = mcp.ok("get_service", Map.of("serviceId", serviceId));

        assertThat(status).containsEntry("status", "failed");
        assertThat((List<String>) status.get("runtimeLog"))
                .singleElement()
                .satisfies(l -> assertThat(l).endsWith(" stderr Error: DATABASE_URL is not set"));
        assertThat(status).doesNotContainKey("runtimeLogUnavailable");
    }

    @Test
    @SuppressWarnings("unchecked")
    void metricsAreSummedUpPerSeriesWithThePlansLimits() {
        String name = name();
        String serviceId = service(name);
        Instant start = Instant.parse("2026-01-31T11:00:00Z");
        List<Sample> memory = new ArrayList<>();
        IntStream.range(0, 60)
                .forEach(
                        i ->
                                memory.add(
                                        new Sample(
                                                start.plus(Duration.ofMinutes(i)),
                                                (100 + i) * 1024.0 * 1024.0)));
        sources.record(
                ref(name),
                new ResourceSeries(
                        memory,
                        List.of(new Sample(start, 0.25)),
                        List.of(),
                        List.of(),
                        List.of(new Sample(start, 2))));

        Map<String, Object> metrics = mcp.ok("get_metrics", Map.of("serviceId", serviceId));

        assertThat(metrics).containsEntry("step", "1m");
        assertThat(McpToolsTest.nested(metrics, "limits"))
                .containsEntry("memoryMiB", 512.0)
                .containsEntry("vcpu", 0.5);
        List<Map<String, Object>> series = McpToolsTest.list(metrics, "series");
        assertThat(series)
                .extracting(s -> s.get("name"))
                .containsExactly("memory", "cpu", "networkIn", "networkOut", "restarts");
        Map<String, Object> memorySummary = series.get(0);
        assertThat(memorySummary)
                .containsEntry("unit", "MiB")
                .containsEntry("latest", 159.0)
                .containsEntry("max", 159.0)
                .containsEntry("average", 129.5);
        assertThat((List<Object>) memorySummary.get("points")).hasSize(MetricsTools.MAX_POINTS);
        assertThat(series.get(1)).containsEntry("percentOfLimitAtMax", 50.0);
        assertThat(series.get(2)).doesNotContainKey("latest");
        assertThat((String) metrics.get("note")).contains("thinned");
    }

    @Test
    void anotherUsersServiceIsNotFound() {
        String serviceId = service(name());
        try (McpTestClient stranger =
                McpTestClient.connect(
                        server, fixtures.apiKey(fixtures.user(STRANGER)), Optional.empty())) {
            assertThat(stranger.error("get_logs", Map.of("serviceId", serviceId)))
                    .startsWith("Not found: service " + serviceId);
            assertThat(stranger.error("get_logs", Map.of("serviceId", serviceId, "kind", "build")))
                    .startsWith("Not found: service " + serviceId);
            assertThat(stranger.error("get_metrics", Map.of("serviceId", serviceId)))
                    .startsWith("Not found: service " + serviceId);
        }
    }

    @Test
    void sourcesThatAreDownAreUnavailableNamingThemAndGetServiceStillAnswers() {
        String name = name();
        String serviceId = service(name);
        failedDeployment(serviceId, List.of("#1 done"));
        sources.takeDown(ref(name));

        assertThat(mcp.error("get_logs", Map.of("serviceId", serviceId)))
                .startsWith("Unavailable: Loki is unavailable: connection refused.");
        assertThat(mcp.error("get_metrics", Map.of("serviceId", serviceId)))
                .startsWith("Unavailable: Prometheus is unavailable");
        Map<String, Object> status = mcp.ok("get_service", Map.of("serviceId", serviceId));
        assertThat(status).containsEntry("status", "failed").doesNotContainKey("runtimeLog");
        assertThat((String) status.get("runtimeLogUnavailable"))
                .startsWith("logs unavailable: Loki is unavailable");
        assertThat(mcp.ok("get_logs", Map.of("serviceId", serviceId, "kind", "build")))
                .containsKey("lines");
    }

    @Test
    void mistakesAreToolErrorsThatNameTheArgument() {
        String serviceId = service(name());

        assertThat(mcp.error("get_logs", Map.of("serviceId", serviceId, "kind", "stdout")))
                .startsWith("Invalid argument kind:");
        assertThat(mcp.error("get_logs", Map.of("serviceId", serviceId, "limit", 501)))
                .startsWith("Invalid argument limit:");
        assertThat(mcp.error("get_logs", Map.of("serviceId", serviceId, "since", "yesterday")))
                .startsWith("Invalid argument since:");
        assertThat(
                        mcp.error(
                                "get_logs",
                                Map.of("serviceId", serviceId, "kind", "build", "since", "1h")))
                .startsWith("Invalid argument since:");
        assertThat(mcp.error("get_metrics", Map.of("serviceId", serviceId, "range", "1 hour")))
                .startsWith("Invalid argument range:");
        assertThat(
                        mcp.error(
                                "get_metrics",
                                Map.of("serviceId", serviceId, "range", "7d", "step", "1s")))
                .startsWith("Invalid argument step:");
    }

    private String name() {
        return fixtures.unique("obs").replace("-", "");
    }

    private String service(String name) {
        return services.create(
                        owner,
                        CreateServiceRequest.builder(name).githubRepo("acme/" + name).build())
                .id();
    }

    private ServiceRef ref(String name) {
        return ServiceRef.of(OWNER, "default", name);
    }

    /** A deployment whose build printed {@code lines} and then failed. */
    private DeploymentView failedDeployment(String serviceId, List<String> lines) {
        DeploymentView queued =
                deployments.record(
                        owner,
                        NewDeployment.api(UUID.fromString(serviceId), GitSha.of(fixtures.sha())));
        UUID id = UUID.fromString(queued.id());
        records.transition(id, DeploymentStatus.BUILDING, Optional.empty(), Optional.empty());
        records.appendLogLines(id, 1, lines);
        return records.transition(
                id, DeploymentStatus.FAILED, Optional.of("build"), Optional.of("exit 1"));
    }

    private static LogLine line(Instant at, LogStream stream, String text) {
        return new LogLine(at, stream, text, Optional.empty());
    }

    /** The value of {@code name="…"} in a next hint. */
    private static String argument(String next, String name) {
        Matcher matcher = Pattern.compile(name + "=\"([^\"]+)\"").matcher(next);
        assertThat(matcher.find()).as(next).isTrue();
        return matcher.group(1);
    }
}
