package ink.ml.deploy.graphql.api.apikeys;

import static ink.ml.deploy.graphql.api.Gql.badInput;
import static ink.ml.deploy.graphql.api.Gql.ok;
import static ink.ml.deploy.graphql.api.Gql.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.graphql.api.Accounts;
import ink.ml.deploy.graphql.api.Accounts.Account;
import ink.ml.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class ApiKeysApiTest {
    @Inject Accounts accounts;

    @Test
    void aCreatedKeyWorksAsBearerAndIsListedWithoutItsSecret() {
        Account user = accounts.register();

        JsonPath created =
                ok(
                        post(
                                user.bearer(),
                                "mutation { createApiKey(name: \"ci\") { secret apiKey { id name"
                                        + " prefix revoked } } }"));
        String secret = created.getString("data.createApiKey.secret");
        assertThat(secret).startsWith("dk_live_");
        assertThat(secret).startsWith(created.getString("data.createApiKey.apiKey.prefix"));

        JsonPath listed =
                ok(
                        post(
                                secret,
                                "{ apiKeys { totalCount edges { node { name prefix revoked lastUsedAt } } } }"));
        assertThat(listed.getInt("data.apiKeys.totalCount")).isEqualTo(2);
        assertThat(listed.getList("data.apiKeys.edges.node.name")).containsExactly("tests", "ci");
        assertThat(listed.prettify()).doesNotContain(secret);
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnce() {
        Account user = accounts.register();
        JsonPath created =
                ok(
                        post(
                                user.bearer(),
                                "mutation { createApiKey(name: \"old\") { secret apiKey { id } } }"));
        String secret = created.getString("data.createApiKey.secret");
        String id = created.getString("data.createApiKey.apiKey.id");

        JsonPath revoked =
                ok(
                        post(
                                user.bearer(),
                                "mutation($id: ID!) { revokeApiKey(id: $id) { revoked revokedAt } }",
                                Map.of("id", id)));
        assertThat(revoked.getBoolean("data.revokeApiKey.revoked")).isTrue();

        given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + secret)
                .body(Map.of("query", "{ me { id } }"))
                .post("/graphql")
                .then()
                .statusCode(401);
    }

    @Test
    void anEmptyNameIsBadInput() {
        Account user = accounts.register();

        badInput(post(user.bearer(), "mutation { createApiKey(name: \"  \") { secret } }"), "name");
    }
}
