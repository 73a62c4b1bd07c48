package ink.ml.deploy.graphql.api.metrics;

import static ink.ml.deploy.graphql.api.Gql.badInput;
import static ink.ml.deploy.graphql.api.Gql.error;
import static ink.ml.deploy.graphql.api.Gql.ok;
import static ink.ml.deploy.graphql.api.Gql.post;
import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.graphql.api.Accounts;
import ink.ml.deploy.graphql.api.Accounts.Account;
import ink.ml.deploy.graphql.api.deployments.DeploymentFixtures;
import ink.ml.deploy.observability.metrics.ResourceSeries;
import ink.ml.deploy.observability.metrics.Sample;
import ink.ml.deploy.observability.testing.RecordedObservability;
import ink.ml.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class ServiceMetricsApiTest {
    private static final String METRICS =
            "query($id: ID!, $range: String, $step: String) {"
                    + " serviceMetrics(serviceId: $id, range: $range, step: $step) {"
                    + " start end step memoryWorkingSetBytes { at value } cpuCores { value }"
                    + " networkReceiveBytesPerSecond { value } networkTransmitBytesPerSecond {"
                    + " value } restarts { value } limits { memoryBytes cpuCores } } }";

    @Inject Accounts accounts;
    @Inject DeploymentFixtures fixtures;
    @Inject RecordedObservability sources;

    @Test
    void seriesComeWithThePlansLimits() {
        Account user = accounts.register();
        String service = fixtures.service(user.caller(), "web");
        Instant at = Instant.parse("2026-01-31T12:00:00Z");
        sources.record(
                ServiceRef.of(user.id(), "default", "web"),
                new ResourceSeries(
                        List.of(new Sample(at, 142_606_336)),
                        List.of(new Sample(at, 0.25)),
                        List.of(new Sample(at, 1200)),
                        List.of(new Sample(at, 800)),
                        List.of(new Sample(at, 1))));

        JsonPath answer = ok(post(user.bearer(), METRICS, Map.of("id", service)));

        assertThat(answer.getString("data.serviceMetrics.step")).isEqualTo("1m");
        assertThat(answer.getString("data.serviceMetrics.memoryWorkingSetBytes[0].at"))
                .isEqualTo("2026-01-31T12:00:00Z");
        assertThat(answer.getDouble("data.serviceMetrics.memoryWorkingSetBytes[0].value"))
                .isEqualTo(142_606_336.0);
        assertThat(answer.getDouble("data.serviceMetrics.cpuCores[0].value")).isEqualTo(0.25);
        assertThat(answer.getDouble("data.serviceMetrics.networkReceiveBytesPerSecond[0].value"))
                .isEqualTo(1200.0);
        assertThat(answer.getDouble("data.serviceMetrics.networkTransmitBytesPerSecond[0].value"))
                .isEqualTo(800.0);
        assertThat(answer.getDouble("data.serviceMetrics.restarts[0].value")).isEqualTo(1.0);
        assertThat(answer.getDouble("data.serviceMetrics.limits.memoryBytes"))
                .isEqualTo(512.0 * 1024 * 1024);
        assertThat(answer.getDouble("data.serviceMetrics.limits.cpuCores")).isEqualTo(0.5);
    }

    @Test
    void rangeAndStepAreDurationsAndAnythingElseIsRefusedNamingTheField() {
        Account user = accounts.register();
        String service = fixtures.service(user.caller(), "web");

        JsonPath quarter =
                ok(
                        post(
                                user.bearer(),
                                METRICS,
                                Map.of("id", service, "range", "15m", "step", "30s")));

        assertThat(quarter.getString("data.serviceMetrics.step")).isEqualTo("30s");
        assertThat(quarter.getList("data.serviceMetrics.cpuCores")).isEmpty();
        badInput(post(user.bearer(), METRICS, Map.of("id", service, "range", "1 hour")), "range");
        badInput(
                post(user.bearer(), METRICS, Map.of("id", service, "range", "7d", "step", "1s")),
                "step");
    }

    @Test
    void anotherUsersServiceIsNotFound() {
        Account owner = accounts.register();
        Account intruder = accounts.register();
        String service = fixtures.service(owner.caller(), "web");

        error(post(intruder.bearer(), METRICS, Map.of("id", service)), "NOT_FOUND");
    }

    @Test
    void aPrometheusThatIsDownIsUnavailableNamingIt() {
        Account user = accounts.register();
        String service = fixtures.service(user.caller(), "web");
        sources.takeDown(ServiceRef.of(user.id(), "default", "web"));

        Map<String, Object> error =
                error(post(user.bearer(), METRICS, Map.of("id", service)), "UNAVAILABLE");

        assertThat((String) error.get("message")).startsWith("Prometheus is unavailable");
        ok(post(user.bearer(), "{ service(id: \"" + service + "\") { name } }"));
    }
}
