package ink.ml.deploy.graphql.api.deployments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.domain.DeploymentStep;
import ink.ml.deploy.domain.EventStatus;
import ink.ml.deploy.graphql.api.Accounts;
import ink.ml.deploy.graphql.api.Accounts.Account;
import ink.ml.deploy.platform.deployments.DeploymentRecords;
import ink.ml.deploy.platform.deployments.Deployments;
import ink.ml.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.graphql.client.Response;
import io.smallrye.graphql.client.dynamic.api.DynamicGraphQLClient;
import io.smallrye.graphql.client.vertx.dynamic.VertxDynamicGraphQLClientBuilder;
import io.smallrye.graphql.client.websocket.WebsocketSubprotocol;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The subscriptions through a real graphql-ws client (SmallRye GraphQL's Vert.x client). */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class DeploymentSubscriptionsTest {
    @TestHTTPResource("/graphql")
    URL endpoint;

    @Inject Accounts accounts;
    @Inject DeploymentFixtures fixtures;
    @Inject Deployments deployments;
    @Inject DeploymentRecords records;

    private DynamicGraphQLClient client;

    @AfterEach
    void close() throws Exception {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void replaysRecordedEventsThenStreamsNewOnesUntilTheDeploymentEnds() {
        Account user = accounts.register();
        UUID deployment = newDeployment(user);
        records.appendEvent(deployment, DeploymentStep.CLONE, EventStatus.STARTED, "cloning");
        Stream events =
                subscribe(
                        user,
                        "subscription($id: ID!) { deploymentEvents(deploymentId: $id) { id step"
                                + " status message } }",
                        deployment,
                        "deploymentEvents");

        await().atMost(Duration.ofSeconds(20)).until(() -> events.items.size() == 2);
        assertThat(events.completed).isFalse();

        records.transition(
                deployment, DeploymentStatus.BUILDING, Optional.empty(), Optional.empty());
        records.appendEvent(deployment, DeploymentStep.BUILD, EventStatus.STARTED, "building");
        records.transition(
                deployment, DeploymentStatus.DEPLOYING, Optional.empty(), Optional.empty());
        records.appendEvent(
                deployment, DeploymentStep.ROLLOUT, EventStatus.SUCCEEDED, "rolled out");
        records.transition(deployment, DeploymentStatus.ACTIVE, Optional.empty(), Optional.empty());

        await().atMost(Duration.ofSeconds(20)).untilTrue(events.completed);
        assertThat(events.failures).isEmpty();
        assertThat(events.items)
                .extracting(item -> item.get("message"))
                .containsExactly("queued: deploy requested", "cloning", "building", "rolled out");
    }

    @Test
    void streamsBuildLogsFromACursorAndCompletesForAnEndedDeployment() {
        Account user = accounts.register();
        UUID deployment = newDeployment(user);
        records.appendLogLines(deployment, 1, List.of("one", "two", "three"));
        records.transition(
                deployment, DeploymentStatus.FAILED, Optional.of("build"), Optional.of("exit 1"));

        Stream lines =
                subscribe(
                        user,
                        "subscription($id: ID!) { buildLogs(deploymentId: $id, after: \"1\") {"
                                + " lineNo line } }",
                        deployment,
                        "buildLogs");

        await().atMost(Duration.ofSeconds(20)).untilTrue(lines.completed);
        assertThat(lines.items)
                .extracting(item -> item.get("line"))
                .containsExactly("two", "three");
    }

    @Test
    void anotherUsersDeploymentIsNotFoundAndStreamsNothing() {
        Account owner = accounts.register();
        Account intruder = accounts.register();
        UUID deployment = newDeployment(owner);

        Stream events =
                subscribe(
                        intruder,
                        "subscription($id: ID!) { deploymentEvents(deploymentId: $id) { message } }",
                        deployment,
                        "deploymentEvents");

        await().atMost(Duration.ofSeconds(20))
                .until(
                        () ->
                                !events.errors.isEmpty()
                                        || !events.failures.isEmpty()
                                        || events.completed.get());
        assertThat(events.items).isEmpty();
        assertThat(events.errors.toString() + events.failures).contains("NOT_FOUND");
    }

    private UUID newDeployment(Account user) {
        String service = fixtures.service(user.caller(), "web");
        return UUID.fromString(fixtures.queued(user.caller(), service, 'd').id());
    }

    /** What a subscription delivered so far. */
    static final class Stream {
        final List<Map<String, Object>> items = new CopyOnWriteArrayList<>();
        final List<String> errors = new CopyOnWriteArrayList<>();
        final List<Throwable> failures = new CopyOnWriteArrayList<>();
        final AtomicBoolean completed = new AtomicBoolean();
    }

    private static Map<String, Object> plain(JsonObject json) {
        Map<String, Object> plain = new java.util.LinkedHashMap<>();
        json.forEach(
                (key, value) ->
                        plain.put(
                                key,
                                value instanceof JsonString string
                                        ? string.getString()
                                        : value instanceof JsonNumber number
                                                ? (Object) number.intValue()
                                                : value.toString()));
        return plain;
    }

    private Stream subscribe(Account user, String document, UUID deployment, String field) {
        client =
                new VertxDynamicGraphQLClientBuilder()
                        .url(endpoint.toString())
                        .header("Authorization", "Bearer " + user.bearer())
                        .subprotocols(WebsocketSubprotocol.GRAPHQL_TRANSPORT_WS)
                        .build();
        Stream stream = new Stream();
        client.subscription(document, Map.of("id", deployment.toString()))
                .subscribe()
                .with(
                        (Response response) -> {
                            if (response.hasError()) {
                                response.getErrors()
                                        .forEach(
                                                e ->
                                                        stream.errors.add(
                                                                e.getMessage()
                                                                        + " "
                                                                        + e.getExtensions()));
                            } else {
                                stream.items.add(plain(response.getData().getJsonObject(field)));
                            }
                        },
                        stream.failures::add,
                        () -> stream.completed.set(true));
        return stream;
    }
}
