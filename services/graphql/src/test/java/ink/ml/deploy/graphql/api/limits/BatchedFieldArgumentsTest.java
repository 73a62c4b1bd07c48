package ink.ml.deploy.graphql.api.limits;

import static ink.ml.deploy.graphql.api.Gql.badInput;
import static ink.ml.deploy.graphql.api.Gql.ok;
import static ink.ml.deploy.graphql.api.Gql.post;
import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.graphql.api.Accounts;
import ink.ml.deploy.graphql.api.Accounts.Account;
import ink.ml.deploy.graphql.api.deployments.DeploymentFixtures;
import ink.ml.deploy.platform.projects.Projects;
import ink.ml.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class BatchedFieldArgumentsTest {
    @Inject Accounts accounts;
    @Inject Projects projects;
    @Inject DeploymentFixtures fixtures;

    @Test
    void refusesServicesAskedForWithTwoPageSizes() {
        Account user = accounts.register();

        Map<String, Object> error =
                badInput(
                        post(
                                user.bearer(),
                                "{ projects { edges { node { a: services(first: 1) { edges { node"
                                        + " { id } } } b: services(first: 2) { edges { node { id }"
                                        + " } } } } } }"),
                        "services");

        assertThat(error.get("message").toString())
                .contains("Project.services is asked for with different arguments")
                .contains("use the same arguments everywhere");
    }

    @Test
    void refusesEventsAskedForWithTwoCursors() {
        Account user = accounts.register();
        String service =
                fixtures.service(user.caller(), projects.getDefault(user.caller()).id(), "web");
        String deployment = fixtures.queued(user.caller(), service, 'a').id();

        badInput(
                post(
                        user.bearer(),
                        "query($id: ID!) { deployment(id: $id) { a: events(first: 5) { edges {"
                                + " cursor } } b: events(first: 5, after: \"1\") { edges { cursor"
                                + " } } } }",
                        Map.of("id", deployment)),
                "events");
    }

    @Test
    void answersTheSameBatchedFieldTwiceWithTheSameArguments() {
        Account user = accounts.register();
        String projectId = projects.getDefault(user.caller()).id();
        fixtures.service(user.caller(), projectId, "web");
        fixtures.service(user.caller(), projectId, "api");

        JsonPath answer =
                ok(
                        post(
                                user.bearer(),
                                "{ projects { edges { node { a: services(first: 1) { edges { node"
                                        + " { name } } } b: services(first: 1) { edges { node {"
                                        + " name } } } } } } }"));

        assertThat(answer.getList("data.projects.edges[0].node.a.edges.node.name"))
                .isEqualTo(List.of("web"));
        assertThat(answer.getList("data.projects.edges[0].node.b.edges.node.name"))
                .isEqualTo(List.of("web"));
    }
}
