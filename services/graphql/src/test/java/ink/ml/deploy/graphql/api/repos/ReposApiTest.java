package ink.ml.deploy.graphql.api.repos;

import static ink.ml.deploy.graphql.api.Gql.badInput;
import static ink.ml.deploy.graphql.api.Gql.error;
import static ink.ml.deploy.graphql.api.Gql.ok;
import static ink.ml.deploy.graphql.api.Gql.post;
import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.domain.TaskQueues;
import ink.ml.deploy.gitauth.GitAccess;
import ink.ml.deploy.gitauth.GitTokenKeys;
import ink.ml.deploy.gitauth.GitTokenVerifier;
import ink.ml.deploy.graphql.api.Accounts;
import ink.ml.deploy.graphql.api.Accounts.Account;
import ink.ml.deploy.platform.projects.Projects;
import ink.ml.deploy.platform.repos.InternalRepos;
import ink.ml.deploy.testing.PostgresTestResource;
import ink.ml.deploy.testing.TemporalTestServerResource;
import ink.ml.deploy.workflow.WorkflowIds;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = TemporalTestServerResource.class, parallel = true)
class ReposApiTest {
    /** The git-server's check, with the test key of application.properties. */
    private static final GitTokenVerifier GIT_SERVER =
            new GitTokenVerifier(
                    GitTokenKeys.of(
                            Map.of("test-1", "Kq3Qm5Qb7vZ2mUj0cS9m4Q2x1XW5yq1cJ8b4a0F2H6E="),
                            Optional.empty()),
                    Clock.systemUTC());

    @Inject Accounts accounts;
    @Inject Projects projects;
    @Inject InternalRepos repos;
    @Inject WorkflowClient temporal;

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
    void aGitTokenComesWithTheRemoteToPushTo() throws Exception {
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
        assertThat(GIT_SERVER.verify(token, path, GitAccess.PUSH).repoPath()).isEqualTo(path);
    }

    @Test
    void aRevokedGitTokenIsListedAsRevokedAndItsRevocationGoesToTheGitServer() throws Exception {
        Account user = accounts.register();
        String repo =
                repos.create(user.caller(), projects.getDefault(user.caller()).id(), "app").id();
        JsonPath issued =
                ok(
                        post(
                                user.bearer(),
                                "mutation($r: ID!) { createGitToken(repoId: $r) { id token } }",
                                Map.of("r", repo)));
        String id = issued.getString("data.createGitToken.id");

        JsonPath revoked =
                ok(
                        post(
                                user.bearer(),
                                "mutation($id: ID!) { revokeGitToken(id: $id) { id prefix"
                                        + " revokedAt } }",
                                Map.of("id", id)));
        JsonPath again =
                ok(
                        post(
                                user.bearer(),
                                "mutation($id: ID!) { revokeGitToken(id: $id) { revokedAt } }",
                                Map.of("id", id)));
        JsonPath listed =
                ok(
                        post(
                                user.bearer(),
                                "query($r: ID!) { gitTokens(repoId: $r) { id revokedAt } }",
                                Map.of("r", repo)));

        assertThat(revoked.getString("data.revokeGitToken.id")).isEqualTo(id);
        assertThat(revoked.getString("data.revokeGitToken.prefix")).startsWith("dpg_").hasSize(12);
        assertThat(revoked.getString("data.revokeGitToken.revokedAt")).isNotNull();
        assertThat(again.getString("data.revokeGitToken.revokedAt"))
                .isEqualTo(revoked.getString("data.revokeGitToken.revokedAt"));
        assertThat(listed.getList("data.gitTokens.id")).containsExactly(id);
        String tokenId = GIT_SERVER.authentic(issued.getString("data.createGitToken.token")).id();
        assertThat(
                        temporal.newUntypedWorkflowStub(WorkflowIds.revokeGitToken(tokenId))
                                .describe()
                                .getTaskQueue())
                .isEqualTo(TaskQueues.DEFAULT);
    }

    @Test
    void anotherUsersGitTokenIsNotFoundAndStaysUnrevoked() {
        Account owner = accounts.register();
        Account stranger = accounts.register();
        String repo =
                repos.create(owner.caller(), projects.getDefault(owner.caller()).id(), "app").id();
        String id = repos.issueToken(owner.caller(), repo, null).id();

        error(
                post(
                        stranger.bearer(),
                        "mutation($id: ID!) { revokeGitToken(id: $id) { id } }",
                        Map.of("id", id)),
                "NOT_FOUND");
        error(
                post(
                        stranger.bearer(),
                        "query($r: ID!) { gitTokens(repoId: $r) { id } }",
                        Map.of("r", repo)),
                "NOT_FOUND");

        assertThat(repos.tokens(owner.caller(), repo).get(0).revokedAt()).isEmpty();
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
    void aMalformedGitTokenIdIsBadInputNamingTheArgument() {
        Account user = accounts.register();

        badInput(
                post(user.bearer(), "mutation { revokeGitToken(id: \"nope\") { id } }", Map.of()),
                "id");
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
