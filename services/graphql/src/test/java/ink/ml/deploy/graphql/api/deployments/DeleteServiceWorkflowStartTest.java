package ink.ml.deploy.graphql.api.deployments;

import static ink.ml.deploy.graphql.api.Gql.ok;
import static ink.ml.deploy.graphql.api.Gql.post;
import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.graphql.api.Accounts;
import ink.ml.deploy.graphql.api.Accounts.Account;
import ink.ml.deploy.testing.PostgresTestResource;
import ink.ml.deploy.testing.TemporalTestServerResource;
import ink.ml.deploy.workflow.WorkflowIds;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * With a real Temporal server (and no worker in this process) deleteService starts the
 * DeleteServiceWorkflow and answers once Temporal has accepted it; asking twice is harmless.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = TemporalTestServerResource.class, parallel = true)
class DeleteServiceWorkflowStartTest {
    @Inject Accounts accounts;
    @Inject DeploymentFixtures fixtures;
    @Inject WorkflowClient client;

    @Test
    void deleteServiceStartsTheDeleteWorkflowOnce() {
        Account user = accounts.register();
        String service = fixtures.service(user.caller(), "doomed");
        String mutation = "mutation($s: ID!) { deleteService(id: $s) }";

        var answer = ok(post(user.bearer(), mutation, Map.of("s", service)));
        ok(post(user.bearer(), mutation, Map.of("s", service)));

        assertThat(answer.getString("data.deleteService")).isEqualTo(service);
        var history =
                client.fetchHistory(WorkflowIds.deleteService(UUID.fromString(service)))
                        .getEvents();
        assertThat(history.get(0).getEventType())
                .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED);
        assertThat(
                        history.stream()
                                .filter(
                                        e ->
                                                e.getEventType()
                                                        == EventType
                                                                .EVENT_TYPE_WORKFLOW_EXECUTION_STARTED))
                .hasSize(1);
    }
}
