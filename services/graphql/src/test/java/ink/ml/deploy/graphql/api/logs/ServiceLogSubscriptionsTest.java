package ink.ml.deploy.graphql.api.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.graphql.api.Accounts;
import ink.ml.deploy.graphql.api.Accounts.Account;
import ink.ml.deploy.graphql.api.deployments.DeploymentFixtures;
import ink.ml.deploy.observability.logs.LogLine;
import ink.ml.deploy.observability.logs.LogStream;
import ink.ml.deploy.observability.testing.RecordedObservability;
import ink.ml.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.graphql.client.Response;
import io.smallrye.graphql.client.dynamic.api.DynamicGraphQLClient;
import io.smallrye.graphql.client.vertx.dynamic.VertxDynamicGraphQLClientBuilder;
import io.smallrye.graphql.client.websocket.WebsocketSubprotocol;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The live tail through a real graphql-ws client (SmallRye GraphQL's Vert.x client). */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class ServiceLogSubscriptionsTest {
    private static final String TAIL =
            "subscription($id: ID!, $search: String) { serviceLogs(serviceId: $id, search:"
                    + " $search) { stream text } }";
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TestHTTPResource("/graphql")
    URL endpoint;

    @Inject Accounts accounts;
    @Inject DeploymentFixtures fixtures;
    @Inject RecordedObservability sources;

    private DynamicGraphQLClient client;

    @AfterEach
    void close() throws Exception {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void newLinesStreamAsTheyAreWrittenAndTheTailClosesWithTheSubscription() {
        Account user = accounts.register();
        String service = fixtures.service(user.caller(), "web");
        ServiceRef ref = ServiceRef.of(user.id(), "default", "web");
        Stream stream = subscribe(user, Map.of("id", service, "search", "GET"));
        await().atMost(PATIENCE).until(() -> sources.openTails(ref) == 1);

        sources.write(ref, line(LogStream.STDOUT, "GET / 200"));
        sources.write(ref, line(LogStream.STDOUT, "health check"));
        sources.write(ref, line(LogStream.STDERR, "GET /boom 500"));

        await().atMost(PATIENCE).until(() -> stream.items.size() == 2);
        assertThat(stream.items)
                .containsExactly(
                        Map.of("stream", "STDOUT", "text", "GET / 200"),
                        Map.of("stream", "STDERR", "text", "GET /boom 500"));
        stream.subscription.cancel();
        await().atMost(PATIENCE).until(() -> sources.openTails(ref) == 0);
    }

    @Test
    void anotherUsersServiceIsNotFoundAndNothingIsFollowed() {
        Account owner = accounts.register();
        Account intruder = accounts.register();
        String service = fixtures.service(owner.caller(), "web");

        Stream stream = subscribe(intruder, Map.of("id", service));

        await().atMost(PATIENCE).until(stream::ended);
        assertThat(stream.items).isEmpty();
        assertThat(stream.errors.toString() + stream.failures).contains("NOT_FOUND");
        assertThat(sources.openTails(ServiceRef.of(owner.id(), "default", "web"))).isZero();
    }

    @Test
    void aLogSourceThatFailsEndsTheStreamAsUnavailableNamingIt() {
        Account user = accounts.register();
        String service = fixtures.service(user.caller(), "web");
        ServiceRef ref = ServiceRef.of(user.id(), "default", "web");
        Stream stream = subscribe(user, Map.of("id", service));
        await().atMost(PATIENCE).until(() -> sources.openTails(ref) == 1);

        sources.failTails(ref, "the tail's connection was reset");

        await().atMost(PATIENCE).until(stream::ended);
        assertThat(stream.errors.toString() + stream.failures)
                .contains("UNAVAILABLE")
                .contains("Loki is unavailable");
        await().atMost(PATIENCE).until(() -> sources.openTails(ref) == 0);
    }

    private static LogLine line(LogStream stream, String text) {
        return new LogLine(Instant.now(), stream, text, Optional.empty());
    }

    /** What a subscription delivered so far. */
    static final class Stream {
        final List<Map<String, String>> items = new CopyOnWriteArrayList<>();
        final List<String> errors = new CopyOnWriteArrayList<>();
        final List<Throwable> failures = new CopyOnWriteArrayList<>();
        final AtomicBoolean completed = new AtomicBoolean();
        Cancellable subscription;

        boolean ended() {
            return !errors.isEmpty() || !failures.isEmpty() || completed.get();
        }
    }

    private Stream subscribe(Account user, Map<String, Object> variables) {
        client =
                new VertxDynamicGraphQLClientBuilder()
                        .url(endpoint.toString())
                        .header("Authorization", "Bearer " + user.bearer())
                        .subprotocols(WebsocketSubprotocol.GRAPHQL_TRANSPORT_WS)
                        .build();
        Stream stream = new Stream();
        stream.subscription =
                client.subscription(TAIL, variables)
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
                                                                                + e
                                                                                        .getExtensions()));
                                    } else {
                                        var line = response.getData().getJsonObject("serviceLogs");
                                        stream.items.add(
                                                Map.of(
                                                        "stream", line.getString("stream"),
                                                        "text", line.getString("text")));
                                    }
                                },
                                stream.failures::add,
                                () -> stream.completed.set(true));
        return stream;
    }
}
