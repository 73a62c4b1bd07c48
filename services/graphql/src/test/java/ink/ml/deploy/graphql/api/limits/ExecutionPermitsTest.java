package ink.ml.deploy.graphql.api.limits;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The places in front of a real graphql-java engine whose field answers when the test lets it. */
class ExecutionPermitsTest {
    private final CountDownLatch answer = new CountDownLatch(1);
    private final AtomicInteger executed = new AtomicInteger();
    private final AtomicBoolean clientGone = new AtomicBoolean();

    @Test
    void anOperationWaitsForThePlaceAndRunsOnceItIsFree() throws Exception {
        ExecutionPermits permits = new ExecutionPermits(1, Duration.ofSeconds(30), clientGone::get);
        GraphQL engine = engine(permits);

        CompletableFuture<ExecutionResult> first = runAsync(engine, "{ slow }");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> executed.get() == 1);
        CompletableFuture<ExecutionResult> second = runAsync(engine, "{ slow }");
        Thread.sleep(600);

        assertThat(executed).as("the second waits while the first holds the place").hasValue(1);
        answer.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).getErrors()).isEmpty();
        assertThat(second.get(10, TimeUnit.SECONDS).getErrors()).isEmpty();
        assertThat(executed).hasValue(2);
        assertThat(permits.available()).isEqualTo(1);
    }

    @Test
    void anOperationThatWaitsTooLongIsAnsweredUnavailable() throws Exception {
        ExecutionPermits permits = new ExecutionPermits(1, Duration.ofMillis(300), clientGone::get);
        GraphQL engine = engine(permits);
        CompletableFuture<ExecutionResult> first = runAsync(engine, "{ slow }");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> executed.get() == 1);

        ExecutionResult refused = engine.execute("{ slow }");

        assertThat(refused.getErrors())
                .singleElement()
                .satisfies(
                        error -> {
                            assertThat(error.getMessage())
                                    .contains("the API is busy (1 queries executing for 0 s)");
                            assertThat(error.getExtensions()).containsEntry("code", "UNAVAILABLE");
                        });
        assertThat(executed).hasValue(1);
        answer.countDown();
        first.get(10, TimeUnit.SECONDS);
        assertThat(permits.available()).isEqualTo(1);
    }

    @Test
    void anOperationWhoseClientLeftWhileItWaitedIsNotExecuted() throws Exception {
        ExecutionPermits permits = new ExecutionPermits(1, Duration.ofSeconds(30), clientGone::get);
        GraphQL engine = engine(permits);
        CompletableFuture<ExecutionResult> first = runAsync(engine, "{ slow }");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> executed.get() == 1);

        clientGone.set(true);
        ExecutionResult abandoned = engine.execute("{ slow }");

        assertThat(abandoned.getErrors())
                .singleElement()
                .satisfies(
                        error ->
                                assertThat(error.getMessage())
                                        .contains("the client left before its query could run"));
        assertThat(executed).hasValue(1);
        answer.countDown();
        first.get(10, TimeUnit.SECONDS);
        assertThat(permits.available()).isEqualTo(1);
    }

    @Test
    void aPlaceIsGivenBackWhenTheOperationFails() {
        ExecutionPermits permits = new ExecutionPermits(1, Duration.ofSeconds(1), clientGone::get);
        GraphQL engine = engine(permits);

        assertThat(engine.execute("{ broken }").getErrors()).isNotEmpty();
        assertThat(engine.execute("{ broken }").getErrors()).isNotEmpty();

        assertThat(permits.available()).isEqualTo(1);
    }

    private CompletableFuture<ExecutionResult> runAsync(GraphQL engine, String query) {
        return CompletableFuture.supplyAsync(() -> engine.execute(query));
    }

    private GraphQL engine(ExecutionPermits permits) {
        GraphQLSchema schema =
                new SchemaGenerator()
                        .makeExecutableSchema(
                                new SchemaParser()
                                        .parse("type Query { slow: String broken: String }"),
                                RuntimeWiring.newRuntimeWiring()
                                        .type(
                                                "Query",
                                                wiring ->
                                                        wiring.dataFetcher(
                                                                        "slow",
                                                                        env -> {
                                                                            executed
                                                                                    .incrementAndGet();
                                                                            answer.await(
                                                                                    10,
                                                                                    TimeUnit
                                                                                            .SECONDS);
                                                                            return "done";
                                                                        })
                                                                .dataFetcher(
                                                                        "broken",
                                                                        env -> {
                                                                            throw new IllegalStateException(
                                                                                    "broken");
                                                                        }))
                                        .build());
        return GraphQL.newGraphQL(schema).instrumentation(permits).build();
    }
}
