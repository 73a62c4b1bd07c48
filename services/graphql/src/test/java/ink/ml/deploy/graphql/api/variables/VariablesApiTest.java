package ink.ml.deploy.graphql.api.variables;

import static ink.ml.deploy.graphql.api.Gql.badInput;
import static ink.ml.deploy.graphql.api.Gql.ok;
import static ink.ml.deploy.graphql.api.Gql.post;
import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.graphql.api.Accounts;
import ink.ml.deploy.graphql.api.Accounts.Account;
import ink.ml.deploy.platform.services.CreateServiceRequest;
import ink.ml.deploy.platform.services.Services;
import ink.ml.deploy.platform.variables.Variables;
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
class VariablesApiTest {
    @Inject Accounts accounts;
    @Inject Services services;
    @Inject Variables variables;

    @Test
    void setsVariablesAndShowsOnlyTheirNames() {
        Account user = accounts.register();
        String id = newService(user);

        JsonPath answer =
                ok(
                        post(
                                user.bearer(),
                                "mutation($id: ID!, $vars: [VariableInput!]!) { setVariables(serviceId:"
                                        + " $id, variables: $vars) { variableNames } }",
                                Map.of(
                                        "id",
                                        id,
                                        "vars",
                                        List.of(
                                                Map.of(
                                                        "name",
                                                        "DATABASE_URL",
                                                        "value",
                                                        "postgres://s3cret"),
                                                Map.of("name", "MODE", "value", "prod")))));

        assertThat(answer.getList("data.setVariables.variableNames"))
                .containsExactly("DATABASE_URL", "MODE");
        assertThat(answer.prettify()).doesNotContain("s3cret");
        assertThat(variables.reveal(user.caller(), id))
                .containsEntry("DATABASE_URL", "postgres://s3cret");
    }

    @Test
    void revealsValuesOnlyWhenAskedExplicitly() {
        Account user = accounts.register();
        String id = newService(user);
        variables.set(user.caller(), id, Map.of("TOKEN", "abc"));

        JsonPath answer =
                ok(
                        post(
                                user.bearer(),
                                "query($id: ID!) { revealVariables(serviceId: $id) { name value } }",
                                Map.of("id", id)));

        assertThat(answer.getString("data.revealVariables[0].name")).isEqualTo("TOKEN");
        assertThat(answer.getString("data.revealVariables[0].value")).isEqualTo("abc");
    }

    @Test
    void deletesTheNamedVariables() {
        Account user = accounts.register();
        String id = newService(user);
        variables.set(user.caller(), id, Map.of("A", "1", "B", "2"));

        JsonPath answer =
                ok(
                        post(
                                user.bearer(),
                                "mutation($id: ID!) { deleteVariables(serviceId: $id, names: [\"A\","
                                        + " \"NOT_SET\"]) { variableNames } }",
                                Map.of("id", id)));

        assertThat(answer.getList("data.deleteVariables.variableNames")).containsExactly("B");
    }

    @Test
    void refusesAnInvalidNameAndANameGivenTwice() {
        Account user = accounts.register();
        String id = newService(user);
        String mutation =
                "mutation($id: ID!, $vars: [VariableInput!]!) { setVariables(serviceId: $id,"
                        + " variables: $vars) { id } }";

        badInput(
                post(
                        user.bearer(),
                        mutation,
                        Map.of("id", id, "vars", List.of(Map.of("name", "1BAD", "value", "x")))),
                "env");
        badInput(
                post(
                        user.bearer(),
                        mutation,
                        Map.of(
                                "id",
                                id,
                                "vars",
                                List.of(
                                        Map.of("name", "A", "value", "x"),
                                        Map.of("name", "A", "value", "y")))),
                "variables");

        assertThat(variables.names(user.caller(), id)).isEmpty();
    }

    private String newService(Account user) {
        return services.create(
                        user.caller(),
                        CreateServiceRequest.builder("web").githubRepo("acme/web").build())
                .id();
    }
}
