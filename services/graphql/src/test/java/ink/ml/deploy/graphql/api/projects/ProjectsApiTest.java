package ink.ml.deploy.graphql.api.projects;

import static ink.ml.deploy.graphql.api.Gql.badInput;
import static ink.ml.deploy.graphql.api.Gql.error;
import static ink.ml.deploy.graphql.api.Gql.ok;
import static ink.ml.deploy.graphql.api.Gql.post;
import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.graphql.api.Accounts;
import ink.ml.deploy.graphql.api.Accounts.Account;
import ink.ml.deploy.platform.services.CreateServiceRequest;
import ink.ml.deploy.platform.services.Services;
import ink.ml.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class ProjectsApiTest {
    private static final String PAGE =
            "query($first: Int, $after: String) { projects(first: $first, after: $after) {"
                    + " totalCount edges { cursor node { id name isDefault region namespace } }"
                    + " pageInfo { hasNextPage endCursor } } }";

    @Inject Accounts accounts;
    @Inject Services services;

    @Test
    void aNewUserHasTheDefaultProject() {
        Account user = accounts.register();

        JsonPath answer = ok(post(user.bearer(), PAGE));

        assertThat(answer.getInt("data.projects.totalCount")).isEqualTo(1);
        assertThat(answer.getString("data.projects.edges[0].node.name")).isEqualTo("default");
        assertThat(answer.getBoolean("data.projects.edges[0].node.isDefault")).isTrue();
        assertThat(answer.getBoolean("data.projects.pageInfo.hasNextPage")).isFalse();
    }

    @Test
    void pagesThroughAllProjectsWithCursors() {
        Account user = accounts.register();
        for (int i = 1; i <= 6; i++) {
            ok(post(user.bearer(), "mutation { createProject(name: \"p" + i + "\") { id } }"));
        }

        List<String> names = new ArrayList<>();
        String after = null;
        int pages = 0;
        boolean more = true;
        while (more) {
            Map<String, Object> variables = new java.util.HashMap<>();
            variables.put("first", 3);
            variables.put("after", after);
            JsonPath answer = ok(post(user.bearer(), PAGE, variables));
            names.addAll(answer.getList("data.projects.edges.node.name"));
            assertThat(answer.getInt("data.projects.totalCount")).isEqualTo(7);
            List<String> cursors = answer.getList("data.projects.edges.cursor");
            after = answer.getString("data.projects.pageInfo.endCursor");
            assertThat(after).isEqualTo(cursors.get(cursors.size() - 1));
            more = answer.getBoolean("data.projects.pageInfo.hasNextPage");
            pages++;
        }

        assertThat(pages).isEqualTo(3);
        assertThat(names).containsExactly("default", "p1", "p2", "p3", "p4", "p5", "p6");
    }

    @Test
    void aCursorFromTheMiddleResumesAfterThatItem() {
        Account user = accounts.register();
        ok(post(user.bearer(), "mutation { createProject(name: \"second\") { id } }"));
        ok(post(user.bearer(), "mutation { createProject(name: \"third\") { id } }"));
        String firstCursor =
                ok(post(user.bearer(), PAGE)).getString("data.projects.edges[0].cursor");

        JsonPath rest = ok(post(user.bearer(), PAGE, Map.of("first", 5, "after", firstCursor)));

        assertThat(rest.getList("data.projects.edges.node.name", String.class))
                .containsExactly("second", "third");
    }

    @Test
    void refusesAPageSizeOutOfRangeAndAForgedCursor() {
        Account user = accounts.register();

        badInput(post(user.bearer(), PAGE, Map.of("first", 101)), "first");
        badInput(post(user.bearer(), PAGE, Map.of("first", 0)), "first");
        badInput(post(user.bearer(), PAGE, Map.of("after", "not-a-cursor")), "after");
    }

    @Test
    void createsReadsAndDeletesAProject() {
        Account user = accounts.register();

        JsonPath created =
                ok(
                        post(
                                user.bearer(),
                                "mutation { createProject(name: \"shop\") { id name isDefault"
                                        + " namespace } }"));
        String id = created.getString("data.createProject.id");
        assertThat(created.getBoolean("data.createProject.isDefault")).isFalse();
        assertThat(created.getString("data.createProject.namespace")).contains("shop");

        JsonPath read =
                ok(
                        post(
                                user.bearer(),
                                "query($id: ID!) { project(id: $id) { name } }",
                                Map.of("id", id)));
        assertThat(read.getString("data.project.name")).isEqualTo("shop");

        JsonPath deleted =
                ok(
                        post(
                                user.bearer(),
                                "mutation($id: ID!) { deleteProject(id: $id) }",
                                Map.of("id", id)));
        assertThat(deleted.getString("data.deleteProject")).isEqualTo(id);
        error(
                post(
                        user.bearer(),
                        "query($id: ID!) { project(id: $id) { name } }",
                        Map.of("id", id)),
                "NOT_FOUND");
    }

    @Test
    void aTakenNameIsAConflictOnName() {
        Account user = accounts.register();
        ok(post(user.bearer(), "mutation { createProject(name: \"twice\") { id } }"));

        Map<String, Object> error =
                error(
                        post(user.bearer(), "mutation { createProject(name: \"twice\") { id } }"),
                        "CONFLICT");

        assertThat(error.get("message").toString()).contains("twice");
        assertThat(error.get("extensions").toString()).contains("field=name");
    }

    @Test
    void anInvalidNameIsBadInputOnName() {
        Account user = accounts.register();

        badInput(
                post(user.bearer(), "mutation { createProject(name: \"Not A Label\") { id } }"),
                "name");
    }

    @Test
    void aProjectWithServicesIsNotDeleted() {
        Account user = accounts.register();
        String id =
                ok(post(user.bearer(), "mutation { createProject(name: \"busy\") { id } }"))
                        .getString("data.createProject.id");
        services.create(
                user.caller(),
                CreateServiceRequest.builder("web").projectId(id).githubRepo("acme/web").build());

        error(
                post(
                        user.bearer(),
                        "mutation($id: ID!) { deleteProject(id: $id) }",
                        Map.of("id", id)),
                "CONFLICT");

        ok(post(user.bearer(), "query($id: ID!) { project(id: $id) { id } }", Map.of("id", id)));
    }

    @Test
    void aMalformedIdIsBadInputNamingTheField() {
        Account user = accounts.register();

        badInput(post(user.bearer(), "{ project(id: \"nope\") { id } }"), "projectId");
    }
}
