package ink.ml.deploy.graphql.api.me;

import static ink.ml.deploy.graphql.api.Gql.error;
import static ink.ml.deploy.graphql.api.Gql.ok;
import static ink.ml.deploy.graphql.api.Gql.post;
import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.graphql.api.Accounts;
import ink.ml.deploy.graphql.api.Accounts.Account;
import ink.ml.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class MeApiTest {
    @Inject Accounts accounts;

    @Test
    void answersWhoTheApiKeyBelongsTo() {
        Account user = accounts.register();

        JsonPath answer = ok(post(user.bearer(), "{ me { id displayName createdAt } }"));

        assertThat(answer.getString("data.me.id")).isEqualTo(user.id());
        assertThat(answer.getString("data.me.displayName")).isEqualTo("Test User");
    }

    @Test
    void withoutACredentialEveryFieldIsUnauthenticated() {
        error(post(null, "{ me { id } }"), "UNAUTHENTICATED");
        error(post(null, "{ projects { totalCount } }"), "UNAUTHENTICATED");
        error(post(null, "mutation { createProject(name: \"x\") { id } }"), "UNAUTHENTICATED");
    }
}
