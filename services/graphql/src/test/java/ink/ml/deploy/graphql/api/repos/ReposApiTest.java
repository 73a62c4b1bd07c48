package ink.ml.deploy.graphql.api.repos;

import static ink.ml.deploy.graphql.api.Gql.badInput;
import static ink.ml.deploy.graphql.api.Gql.error;
import static ink.ml.deploy.graphql.api.Gql.ok;
import static ink.ml.deploy.graphql.api.Gql.post;
import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.graphql.api.Accounts;
import ink.ml.deploy.graphql.api.Accounts.Account;
import ink.ml.deploy.platform.projects.Projects;
import ink.ml.deploy.platform.repos.InternalRepos;
import ink.ml.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class ReposApiTest {
    @Inject Accounts accounts;
    @Inject Projects projects;
    @Inject InternalRepos repos;

    @Test
    void createsARepoAndListsItUnderItsProject() {
        Account user = accounts.register();
        String project = projects.getDefault(user.caller()).id();

        JsonPath created =
                ok(
                        post(
                                user.bearer(),
                                "mutation($p: ID!) { createInternalRepo(projectId: $p, name:"
                                        + " \"site\") { id projectId name } }",
                                Map.of("p", project)));
        assertThat(created.getString("data.createInternalRepo.name")).isEqualTo("site");

        JsonPath listed =
                ok(
                        post(
                                user.bearer(),
                                "query($p: ID!) { internalRepos(projectId: $p) { totalCount edges {"
                                        + " node { name } } } project(id: $p) { internalRepos {"
                                        + " edges { node { id } } } } }",
                                Map.of("p", project)));
        assertThat(listed.getInt("data.internalRepos.totalCount")).isEqualTo(1);
        assertThat(listed.getList("data.project.internalRepos.edges.node.id"))
                .containsExactly(created.getString("data.createInternalRepo.id"));

        error(
                post(
                        user.bearer(),
                        "mutation($p: ID!) { createInternalRepo(projectId: $p, name: \"site\") { id } }",
                        Map.of("p", project)),
                "CONFLICT");
    }

    @Test
    void aGitTokenComesWithTheRemoteToPushTo() {
        Account user = accounts.register();
        String repo =
                repos.create(user.caller(), projects.getDefault(user.caller()).id(), "app").id();

        JsonPath answer =
                ok(
                        post(
                                user.bearer(),
                                "mutation($r: ID!) { createGitToken(repoId: $r, ttlSeconds: 600) { id"
                                        + " repoId token remoteUrl authenticatedRemoteUrl expiresAt } }",
                                Map.of("r", repo)));

        String token = answer.getString("data.createGitToken.token");
        String path = user.caller().id() + "/default/app";
        assertThat(answer.getString("data.createGitToken.remoteUrl"))
                .isEqualTo("https://git.ml.ink/" + path + ".git");
        assertThat(answer.getString("data.createGitToken.authenticatedRemoteUrl"))
                .isEqualTo("https://git:" + token + "@git.ml.ink/" + path + ".git");
        assertThat(repos.verifyToken(token, UUID.fromString(repo))).contains(user.caller());
    }

    @Test
    void refusesATokenLifetimeOutOfRange() {
        Account user = accounts.register();
        String repo =
                repos.create(user.caller(), projects.getDefault(user.caller()).id(), "app").id();

        badInput(
                post(
                        user.bearer(),
                        "mutation($r: ID!) { createGitToken(repoId: $r, ttlSeconds: 5) { id } }",
                        Map.of("r", repo)),
                "ttlSeconds");
    }

    @Test
    void anInvalidRepoNameIsBadInput() {
        Account user = accounts.register();
        String project = projects.getDefault(user.caller()).id();

        badInput(
                post(
                        user.bearer(),
                        "mutation($p: ID!) { createInternalRepo(projectId: $p, name: \"../x\") { id } }",
                        Map.of("p", project)),
                "name");
    }
}
