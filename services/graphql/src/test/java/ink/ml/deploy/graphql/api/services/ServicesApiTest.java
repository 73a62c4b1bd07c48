package ink.ml.deploy.graphql.api.services;

import static ink.ml.deploy.graphql.api.Gql.badInput;
import static ink.ml.deploy.graphql.api.Gql.error;
import static ink.ml.deploy.graphql.api.Gql.ok;
import static ink.ml.deploy.graphql.api.Gql.post;
import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.graphql.api.Accounts;
import ink.ml.deploy.graphql.api.Accounts.Account;
import ink.ml.deploy.platform.projects.Projects;
import ink.ml.deploy.platform.services.CreateServiceRequest;
import ink.ml.deploy.platform.services.Services;
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
class ServicesApiTest {
    static final String FIELDS =
            "id projectId name sourceKind githubRepo internalRepoId branch rootDirectory"
                    + " dockerfilePath build buildStrategy installCommand buildCommand startCommand"
                    + " port memoryMi vcpu hostname url cnameTarget variableNames";

    @Inject Accounts accounts;
    @Inject Services services;
    @Inject Projects projects;

    @Test
    void updatesOnlyTheGivenFields() {
        Account user = accounts.register();
        String id =
                services.create(
                                user.caller(),
                                CreateServiceRequest.builder("web").githubRepo("acme/web").build())
                        .id();

        JsonPath answer =
                ok(
                        post(
                                user.bearer(),
                                "mutation($id: ID!) { updateService(id: $id, input: {branch:"
                                        + " \"release\", port: 3000, memoryMi: 1024, vcpu: \"1\"}) { "
                                        + FIELDS
                                        + " } }",
                                Map.of("id", id)));

        assertThat(answer.getString("data.updateService.branch")).isEqualTo("release");
        assertThat(answer.getInt("data.updateService.port")).isEqualTo(3000);
        assertThat(answer.getInt("data.updateService.memoryMi")).isEqualTo(1024);
        assertThat(answer.getString("data.updateService.vcpu")).isEqualTo("1");
        assertThat(answer.getString("data.updateService.githubRepo")).isEqualTo("acme/web");
        assertThat(answer.getString("data.updateService.dockerfilePath")).isEqualTo("Dockerfile");
    }

    @Test
    void createsAServiceWithEachBuildStrategyAndItsCommands() {
        Account user = accounts.register();
        for (String build :
                List.of("auto", "dockerfile", "node", "python", "go", "static", "java")) {
            JsonPath answer =
                    ok(
                            post(
                                    user.bearer(),
                                    "mutation($name: String!, $build: String) { createService("
                                            + " input: {name: $name, githubRepo: \"acme/web\","
                                            + " build: $build, rootDirectory: \"apps/web\","
                                            + " installCommand: \"  npm ci \", startCommand:"
                                            + " \"node server.js\"}, deploy: false) { "
                                            + FIELDS
                                            + " } }",
                                    Map.of("name", "s-" + build, "build", build)));

            assertThat(answer.getString("data.createService.build")).isEqualTo(build);
            assertThat(answer.getString("data.createService.buildStrategy")).isEqualTo(build);
            assertThat(answer.getString("data.createService.rootDirectory")).isEqualTo("apps/web");
            assertThat(answer.getString("data.createService.installCommand")).isEqualTo("npm ci");
            assertThat(answer.getString("data.createService.buildCommand")).isNull();
            assertThat(answer.getString("data.createService.startCommand"))
                    .isEqualTo("node server.js");
        }
    }

    @Test
    void aNewServiceBuildsAutomaticallyUnlessToldOtherwise() {
        Account user = accounts.register();

        JsonPath answer =
                ok(
                        post(
                                user.bearer(),
                                "mutation { createService(input: {name: \"web\", githubRepo:"
                                        + " \"acme/web\"}, deploy: false) { build buildStrategy"
                                        + " installCommand } }"));

        assertThat(answer.getString("data.createService.build")).isEqualTo("auto");
        assertThat(answer.getString("data.createService.installCommand")).isNull();
    }

    @Test
    void refusesAnUnknownBuildNamingTheFieldAndTheChoices() {
        Account user = accounts.register();

        Map<String, Object> error =
                badInput(
                        post(
                                user.bearer(),
                                "mutation { createService(input: {name: \"web\", githubRepo:"
                                        + " \"acme/web\", build: \"nixpacks\"}, deploy: false)"
                                        + " { id } }"),
                        "build");

        assertThat(error.get("message").toString())
                .contains("must be one of auto, dockerfile, node, python, go, static, java");
        String project = projects.getDefault(user.caller()).id();
        assertThat(services.count(user.caller(), project)).isZero();
    }

    @Test
    void updatesBuildSettingsAndRefusesACommandWithALineBreak() {
        Account user = accounts.register();
        String id =
                services.create(
                                user.caller(),
                                CreateServiceRequest.builder("web").githubRepo("acme/web").build())
                        .id();

        JsonPath answer =
                ok(
                        post(
                                user.bearer(),
                                "mutation($id: ID!) { updateService(id: $id, input: {build:"
                                        + " \"python\", startCommand: \"gunicorn app:app\"}) { "
                                        + FIELDS
                                        + " } }",
                                Map.of("id", id)));
        assertThat(answer.getString("data.updateService.build")).isEqualTo("python");
        assertThat(answer.getString("data.updateService.startCommand"))
                .isEqualTo("gunicorn app:app");

        badInput(
                post(
                        user.bearer(),
                        "mutation($id: ID!, $start: String) { updateService(id: $id, input:"
                                + " {build: \"go\", startCommand: $start}) { id } }",
                        Map.of("id", id, "start", "./app\nrm -rf /")),
                "startCommand");

        assertThat(services.get(user.caller(), id).buildStrategy()).isEqualTo("python");
        assertThat(services.get(user.caller(), id).startCommand()).isEqualTo("gunicorn app:app");
    }

    @Test
    void theOldBuildStrategyNameStillWorksButNotTogetherWithADifferentBuild() {
        Account user = accounts.register();
        String id =
                services.create(
                                user.caller(),
                                CreateServiceRequest.builder("web").githubRepo("acme/web").build())
                        .id();

        JsonPath answer =
                ok(
                        post(
                                user.bearer(),
                                "mutation($id: ID!) { updateService(id: $id, input:"
                                        + " {buildStrategy: \"dockerfile\"}) { build } }",
                                Map.of("id", id)));
        assertThat(answer.getString("data.updateService.build")).isEqualTo("dockerfile");

        badInput(
                post(
                        user.bearer(),
                        "mutation($id: ID!) { updateService(id: $id, input: {build: \"node\","
                                + " buildStrategy: \"dockerfile\"}) { id } }",
                        Map.of("id", id)),
                "build");
        assertThat(services.get(user.caller(), id).buildStrategy()).isEqualTo("dockerfile");
    }

    @Test
    void refusesAnUpdateThatBreaksARuleAndChangesNothing() {
        Account user = accounts.register();
        String id =
                services.create(
                                user.caller(),
                                CreateServiceRequest.builder("web").githubRepo("acme/web").build())
                        .id();

        badInput(
                post(
                        user.bearer(),
                        "mutation($id: ID!) { updateService(id: $id, input: {branch: \"ok\","
                                + " memoryMi: 300}) { id } }",
                        Map.of("id", id)),
                "memoryMi");

        assertThat(services.get(user.caller(), id).branch()).isEqualTo("main");
    }

    @Test
    void readsAServiceInsideItsProject() {
        Account user = accounts.register();
        String id =
                services.create(
                                user.caller(),
                                CreateServiceRequest.builder("api")
                                        .githubRepo("acme/api")
                                        .env(Map.of("A", "1"))
                                        .build())
                        .id();

        JsonPath one =
                ok(
                        post(
                                user.bearer(),
                                "query($id: ID!) { service(id: $id) { " + FIELDS + " } }",
                                Map.of("id", id)));
        assertThat(one.getString("data.service.sourceKind")).isEqualTo("GITHUB");
        assertThat(one.getList("data.service.variableNames")).containsExactly("A");
        assertThat(one.getString("data.service.hostname"))
                .isEqualTo("api-default-" + user.id() + ".ml.ink");
        assertThat(one.getString("data.service.url"))
                .isEqualTo("https://api-default-" + user.id() + ".ml.ink");

        JsonPath nested =
                ok(
                        post(
                                user.bearer(),
                                "{ projects { edges { node { services { totalCount edges { node"
                                        + " { id name } } } } } } }"));
        assertThat(nested.getList("data.projects.edges[0].node.services.edges.node.id"))
                .containsExactly(id);
        assertThat(nested.getInt("data.projects.edges[0].node.services.totalCount")).isEqualTo(1);
    }

    @Test
    void aProjectsServicesPageThroughWithCursors() {
        Account user = accounts.register();
        for (String name : List.of("s1", "s2", "s3", "s4", "s5")) {
            services.create(
                    user.caller(),
                    CreateServiceRequest.builder(name).githubRepo("acme/" + name).build());
        }
        String query =
                "query($after: String) { projects { edges { node { services(first: 2, after:"
                        + " $after) { edges { node { name } } pageInfo { hasNextPage endCursor } } }"
                        + " } } }";

        List<String> names = new java.util.ArrayList<>();
        String after = null;
        boolean more = true;
        while (more) {
            Map<String, Object> variables = new java.util.HashMap<>();
            variables.put("after", after);
            JsonPath page = ok(post(user.bearer(), query, variables));
            names.addAll(page.getList("data.projects.edges[0].node.services.edges.node.name"));
            after = page.getString("data.projects.edges[0].node.services.pageInfo.endCursor");
            more = page.getBoolean("data.projects.edges[0].node.services.pageInfo.hasNextPage");
        }

        assertThat(names).containsExactly("s1", "s2", "s3", "s4", "s5");
    }

    @Test
    void anUnknownServiceIsNotFound() {
        Account user = accounts.register();

        error(
                post(
                        user.bearer(),
                        "{ service(id: \"00000000-0000-0000-0000-000000000001\") { id } }"),
                "NOT_FOUND");
    }
}
