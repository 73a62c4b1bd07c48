package ink.ml.deploy.graphql.api.deployments;

import static ink.ml.deploy.graphql.api.Gql.badInput;
import static ink.ml.deploy.graphql.api.Gql.error;
import static ink.ml.deploy.graphql.api.Gql.ok;
import static ink.ml.deploy.graphql.api.Gql.post;
import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.domain.DeploymentStep;
import ink.ml.deploy.domain.EventStatus;
import ink.ml.deploy.graphql.api.Accounts;
import ink.ml.deploy.graphql.api.Accounts.Account;
import ink.ml.deploy.platform.deployments.DeploymentRecords;
import ink.ml.deploy.platform.deployments.DeploymentView;
import ink.ml.deploy.platform.deployments.Deployments;
import ink.ml.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class DeploymentsApiTest {
    @Inject Accounts accounts;
    @Inject DeploymentFixtures fixtures;
    @Inject Deployments deployments;
    @Inject DeploymentRecords records;

    @Test
    void listsAServicesDeploymentsNewestFirstAcrossPages() {
        Account user = accounts.register();
        String service = fixtures.service(user.caller(), "web");
        List<String> recorded = new ArrayList<>();
        for (char digit : "12345".toCharArray()) {
            recorded.add(fixtures.failed(user.caller(), service, digit).id());
        }
        String query =
                "query($id: ID!, $after: String) { deployments(serviceId: $id, first: 2, after:"
                        + " $after) { totalCount edges { node { id status trigger commitSha errorStep"
                        + " errorMessage finishedAt } } pageInfo { hasNextPage endCursor } } }";

        List<String> seen = new ArrayList<>();
        String after = null;
        boolean more = true;
        while (more) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("id", service);
            variables.put("after", after);
            JsonPath page = ok(post(user.bearer(), query, variables));
            assertThat(page.getInt("data.deployments.totalCount")).isEqualTo(5);
            assertThat(page.getList("data.deployments.edges.node.status")).containsOnly("FAILED");
            seen.addAll(page.getList("data.deployments.edges.node.id"));
            after = page.getString("data.deployments.pageInfo.endCursor");
            more = page.getBoolean("data.deployments.pageInfo.hasNextPage");
        }

        java.util.Collections.reverse(recorded);
        assertThat(seen).containsExactlyElementsOf(recorded);
    }

    @Test
    void aDeploymentWithItsEventsPaged() {
        Account user = accounts.register();
        String service = fixtures.service(user.caller(), "web");
        DeploymentView deployment = fixtures.queued(user.caller(), service, 'a');
        UUID id = UUID.fromString(deployment.id());
        records.appendEvent(id, DeploymentStep.CLONE, EventStatus.STARTED, "cloning");
        records.appendEvent(id, DeploymentStep.CLONE, EventStatus.SUCCEEDED, "cloned");
        records.appendEvent(id, DeploymentStep.BUILD, EventStatus.STARTED, "building");
        String query =
                "query($id: ID!, $after: String) { deployment(id: $id) { id status trigger"
                        + " events(first: 2, after: $after) { edges { cursor node { step status"
                        + " message } } pageInfo { hasNextPage endCursor } } } }";

        JsonPath first = ok(post(user.bearer(), query, Map.of("id", deployment.id())));
        assertThat(first.getString("data.deployment.status")).isEqualTo("QUEUED");
        assertThat(first.getString("data.deployment.trigger")).isEqualTo("API");
        // Recording the deployment wrote the first event (queued); ours follow it.
        assertThat(first.getList("data.deployment.events.edges.node.step"))
                .containsExactly("QUEUED", "CLONE");
        assertThat(first.getBoolean("data.deployment.events.pageInfo.hasNextPage")).isTrue();

        String after = first.getString("data.deployment.events.pageInfo.endCursor");
        JsonPath second =
                ok(post(user.bearer(), query, Map.of("id", deployment.id(), "after", after)));
        assertThat(second.getList("data.deployment.events.edges.node.message"))
                .containsExactly("cloned", "building");
        assertThat(second.getList("data.deployment.events.edges.node.status"))
                .containsExactly("SUCCEEDED", "STARTED");
        assertThat(second.getBoolean("data.deployment.events.pageInfo.hasNextPage")).isFalse();
    }

    @Test
    void buildLogsPageFromACursor() {
        Account user = accounts.register();
        String service = fixtures.service(user.caller(), "web");
        DeploymentView deployment = fixtures.queued(user.caller(), service, 'b');
        records.appendLogLines(
                UUID.fromString(deployment.id()),
                1,
                IntStream.rangeClosed(1, 5).mapToObj(i -> "line " + i).toList());
        String query =
                "query($id: ID!, $after: String) { buildLogs(deploymentId: $id, first: 3, after:"
                        + " $after) { edges { cursor node { lineNo line } } pageInfo { hasNextPage"
                        + " endCursor } } }";

        JsonPath first = ok(post(user.bearer(), query, Map.of("id", deployment.id())));
        assertThat(first.getList("data.buildLogs.edges.node.line"))
                .containsExactly("line 1", "line 2", "line 3");
        String after = first.getString("data.buildLogs.pageInfo.endCursor");
        assertThat(after).isEqualTo("3");

        JsonPath rest =
                ok(post(user.bearer(), query, Map.of("id", deployment.id(), "after", after)));
        assertThat(rest.getList("data.buildLogs.edges.node.lineNo", Integer.class))
                .containsExactly(4, 5);
        assertThat(rest.getBoolean("data.buildLogs.pageInfo.hasNextPage")).isFalse();

        badInput(post(user.bearer(), query, Map.of("id", deployment.id(), "after", "-1")), "after");
    }

    @Test
    void latestDeploymentIsTheNewestOrNull() {
        Account user = accounts.register();
        String deployed = fixtures.service(user.caller(), "deployed");
        String fresh = fixtures.service(user.caller(), "fresh");
        fixtures.failed(user.caller(), deployed, '1');
        DeploymentView newest = fixtures.queued(user.caller(), deployed, '2');

        JsonPath answer =
                ok(
                        post(
                                user.bearer(),
                                "{ projects { edges { node { services { edges { node { id"
                                        + " latestDeployment { id status } } } } } } } }"));

        List<Map<String, Object>> nodes =
                answer.getList("data.projects.edges[0].node.services.edges.node");
        Map<String, Object> byId = new HashMap<>();
        nodes.forEach(node -> byId.put((String) node.get("id"), node.get("latestDeployment")));
        assertThat(byId.get(fresh)).isNull();
        assertThat(byId.get(deployed).toString()).contains(newest.id()).contains("QUEUED");
    }

    @Test
    void anUnknownDeploymentIsNotFound() {
        Account user = accounts.register();

        error(
                post(
                        user.bearer(),
                        "{ deployment(id: \"00000000-0000-0000-0000-000000000009\") { id } }"),
                "NOT_FOUND");
    }
}
