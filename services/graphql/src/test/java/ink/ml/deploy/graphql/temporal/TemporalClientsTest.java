package ink.ml.deploy.graphql.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ink.ml.deploy.testing.PostgresTestResource;
import ink.ml.deploy.testing.TemporalTestServerResource;
import ink.ml.deploy.workflow.push.GitPushes;
import ink.ml.deploy.workflow.push.PushEvent;
import ink.ml.deploy.workflow.push.PushStart;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = TemporalTestServerResource.class, parallel = true)
class TemporalClientsTest {

    @Inject WorkflowClient client;
    @Inject GitPushes pushes;
    @Inject Instance<WorkerFactory> workerFactories;

    @Test
    void graphqlRunsNoWorker() {
        // quarkus-temporal may still define the factory bean; if it does, it must never have been
        // started. Listing the beans first keeps the check from passing vacuously unnoticed.
        List<WorkerFactory> factories = workerFactories.stream().toList();
        assertThat(factories)
                .as("worker factories defined in graphql")
                .allSatisfy(factory -> assertThat(factory.isStarted()).isFalse());
        if (factories.isEmpty()) {
            assertThat(workerFactories.isUnsatisfied()).isTrue();
        }
    }

    @Test
    void startsPushWorkflowWithSealedPayloadsAndNoWorkerPicksItUp() {
        String repository = "nobody/tracks-" + UUID.randomUUID().toString().substring(0, 8);
        String delivery = UUID.randomUUID().toString();

        PushStart start =
                pushes.start(
                        new PushEvent(
                                "github",
                                delivery,
                                repository,
                                "main",
                                "0123456789abcdef0123456789abcdef01234567"));

        assertThat(start).isEqualTo(new PushStart("push-github-" + delivery, true));
        var history = client.fetchHistory(start.workflowId()).getEvents();
        Payload input =
                history.get(0)
                        .getWorkflowExecutionStartedEventAttributes()
                        .getInput()
                        .getPayloads(0);
        assertThat(input.getMetadataMap().get("encoding").toStringUtf8())
                .isEqualTo("binary/encrypted");
        assertThat(input.getData().toStringUtf8()).doesNotContain(repository);
        // Nothing in this process polls `default`: over a window longer than a poller's first poll
        // takes on this server, the first workflow task is never started.
        // Time to spare beyond the 3 s: the first history read of a loaded server may be slow.
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () ->
                                client.fetchHistory(start.workflowId()).getEvents().stream()
                                        .noneMatch(
                                                e ->
                                                        e.getEventType()
                                                                == EventType
                                                                        .EVENT_TYPE_WORKFLOW_TASK_STARTED));
    }

    @Test
    void secondStartOfTheSamePushIsRefused() {
        PushEvent event =
                new PushEvent(
                        "github",
                        UUID.randomUUID().toString(),
                        "nobody/again",
                        "main",
                        "0123456789abcdef0123456789abcdef01234567");

        assertThat(pushes.start(event).started()).isTrue();
        assertThat(pushes.start(event).started()).isFalse();
    }
}
