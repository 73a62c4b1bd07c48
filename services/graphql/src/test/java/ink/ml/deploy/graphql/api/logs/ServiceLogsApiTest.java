package ink.ml.deploy.graphql.api.logs;

import static ink.ml.deploy.graphql.api.Gql.badInput;
import static ink.ml.deploy.graphql.api.Gql.error;
import static ink.ml.deploy.graphql.api.Gql.ok;
import static ink.ml.deploy.graphql.api.Gql.post;
import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.graphql.api.Accounts;
import ink.ml.deploy.graphql.api.Accounts.Account;
import ink.ml.deploy.graphql.api.deployments.DeploymentFixtures;
import ink.ml.deploy.observability.logs.LogLine;
import ink.ml.deploy.observability.logs.LogStream;
import ink.ml.deploy.observability.testing.RecordedObservability;
import ink.ml.deploy.platform.deployments.DeploymentView;
import ink.ml.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class ServiceLogsApiTest {
    private static final String PAGE =
            "query($id: ID!, $first: Int, $after: String, $search: String) {"
                    + " serviceLogs(serviceId: $id, first: $first, after: $after, search: $search)"
                    + " { edges { cursor node { timestamp stream text deploymentId } }"
                    + " pageInfo { hasNextPage endCursor } } }";

    @Inject Accounts accounts;
    @Inject DeploymentFixtures fixtures;
    @Inject RecordedObservability sources;

    @Test
    void theNewestLinesComeLastAndAfterReadsTheOlderOnes() {
        Account user = accounts.register();
        String service = fixtures.service(user.caller(), "web");
        DeploymentView deployment = fixtures.active(user.caller(), service, 'a');
        ServiceRef ref = ServiceRef.of(user.id(), "default", "web");
        Instant now = Instant.now();
        sources.write(ref, line(now.minus(Duration.ofMinutes(3)), LogStream.STDOUT, "one", null));
        sources.write(ref, line(now.minus(Duration.ofMinutes(2)), LogStream.STDERR, "two", null));
        sources.write(
                ref, line(now.minus(Duration.ofMinutes(1)), LogStream.STDOUT, "three", deployment));

        JsonPath newest = ok(post(user.bearer(), PAGE, variables(service, 2, null)));
        JsonPath older =
                ok(
                        post(
                                user.bearer(),
                                PAGE,
                                variables(
                                        service,
                                        2,
                                        newest.getString("data.serviceLogs.pageInfo.endCursor"))));

        assertThat(newest.getList("data.serviceLogs.edges.node.text"))
                .containsExactly("two", "three");
        assertThat(newest.getList("data.serviceLogs.edges.node.stream"))
                .containsExactly("STDERR", "STDOUT");
        assertThat(newest.getString("data.serviceLogs.edges[1].node.deploymentId"))
                .isEqualTo(deployment.id());
        assertThat(newest.getString("data.serviceLogs.edges[0].node.deploymentId")).isNull();
        assertThat(newest.getBoolean("data.serviceLogs.pageInfo.hasNextPage")).isTrue();
        assertThat(newest.getString("data.serviceLogs.pageInfo.endCursor"))
                .isEqualTo(newest.getString("data.serviceLogs.edges[0].cursor"));
        assertThat(older.getList("data.serviceLogs.edges.node.text")).containsExactly("one");
        assertThat(older.getBoolean("data.serviceLogs.pageInfo.hasNextPage")).isFalse();
    }

    @Test
    void searchAndTheDeploymentFilterNarrowTheLines() {
        Account user = accounts.register();
        String service = fixtures.service(user.caller(), "web");
        DeploymentView deployment = fixtures.active(user.caller(), service, 'a');
        ServiceRef ref = ServiceRef.of(user.id(), "default", "web");
        Instant now = Instant.now();
        sources.write(ref, line(now.minusSeconds(3), LogStream.STDOUT, "GET / 200", deployment));
        sources.write(ref, line(now.minusSeconds(2), LogStream.STDOUT, "GET /x 500", deployment));
        sources.write(ref, line(now.minusSeconds(1), LogStream.STDOUT, "GET /y 500", null));

        Map<String, Object> searching = variables(service, null, null);
        searching.put("search", "500");
        JsonPath found = ok(post(user.bearer(), PAGE, searching));
        JsonPath ofTheDeployment =
                ok(
                        post(
                                user.bearer(),
                                "query($id: ID!, $d: ID) { serviceLogs(serviceId: $id,"
                                        + " deploymentId: $d) { edges { node { text } } } }",
                                Map.of("id", service, "d", deployment.id())));

        assertThat(found.getList("data.serviceLogs.edges.node.text"))
                .containsExactly("GET /x 500", "GET /y 500");
        assertThat(ofTheDeployment.getList("data.serviceLogs.edges.node.text"))
                .containsExactly("GET / 200", "GET /x 500");
    }

    @Test
    void badArgumentsAreRefusedNamingTheField() {
        Account user = accounts.register();
        String service = fixtures.service(user.caller(), "web");

        badInput(post(user.bearer(), PAGE, variables(service, 1001, null)), "first");
        badInput(post(user.bearer(), PAGE, variables(service, null, "not-a-cursor")), "after");
        badInput(
                post(
                        user.bearer(),
                        "{ serviceLogs(serviceId: \""
                                + service
                                + "\", since: \"2026-01-01T00:00:00Z\", until:"
                                + " \"2026-01-31T00:00:00Z\") { edges { cursor } } }"),
                "since");
    }

    @Test
    void anotherUsersServiceIsNotFound() {
        Account owner = accounts.register();
        Account intruder = accounts.register();
        String service = fixtures.service(owner.caller(), "web");
        sources.write(
                ServiceRef.of(owner.id(), "default", "web"),
                line(Instant.now().minusSeconds(1), LogStream.STDOUT, "owner's secret", null));

        JsonPath answer = post(intruder.bearer(), PAGE, variables(service, null, null));

        error(answer, "NOT_FOUND");
        assertThat(answer.prettify()).doesNotContain("owner's secret");
    }

    @Test
    void aLogSourceThatIsDownIsUnavailableNamingItWhileTheRestOfTheApiWorks() {
        Account user = accounts.register();
        String service = fixtures.service(user.caller(), "web");
        sources.takeDown(ServiceRef.of(user.id(), "default", "web"));

        Map<String, Object> error =
                error(post(user.bearer(), PAGE, variables(service, null, null)), "UNAVAILABLE");
        JsonPath rest = ok(post(user.bearer(), "{ service(id: \"" + service + "\") { name } }"));

        assertThat((String) error.get("message")).startsWith("Loki is unavailable");
        assertThat(rest.getString("data.service.name")).isEqualTo("web");
    }

    private static Map<String, Object> variables(String service, Integer first, String after) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("id", service);
        if (first != null) {
            variables.put("first", first);
        }
        if (after != null) {
            variables.put("after", after);
        }
        return variables;
    }

    private static LogLine line(
            Instant at, LogStream stream, String text, DeploymentView deployment) {
        return new LogLine(
                at,
                stream,
                text,
                Optional.ofNullable(deployment).map(d -> DeploymentId.of(d.id())));
    }
}
