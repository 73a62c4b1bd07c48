package ink.ml.deploy.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import ink.ml.deploy.control.DeploymentControl;
import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.gitauth.GitTokenKeys;
import ink.ml.deploy.gitauth.GitTokenVerifier;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.deployments.DeploymentRecords;
import ink.ml.deploy.platform.deployments.DeploymentView;
import ink.ml.deploy.platform.deployments.Deployments;
import ink.ml.deploy.platform.pagination.PageRequest;
import ink.ml.deploy.platform.projects.Projects;
import ink.ml.deploy.platform.repos.InternalRepos;
import ink.ml.deploy.platform.services.Services;
import ink.ml.deploy.platform.variables.Variables;
import ink.ml.deploy.testing.PostgresTestResource;
import ink.ml.deploy.testing.TemporalTestServerResource;
import ink.ml.deploy.workflow.WorkflowIds;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every tool called by the official MCP Java SDK client over Streamable HTTP, against the real
 * database, the real Temporal test server and the worker's real workflows (the cluster's side is
 * {@link StandInCluster}).
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = TemporalTestServerResource.class, parallel = true)
class McpToolsTest {
    static final String OWNER = "toolsowner";
    static final String STRANGER = "toolsstrngr";
    private static final Duration SETTLES = Duration.ofSeconds(60);

    @TestHTTPResource("/")
    URI server;

    @Inject ToolFixtures fixtures;
    @Inject InProcessWorker worker;
    @Inject Services services;
    @Inject Deployments deployments;
    @Inject DeploymentRecords records;
    @Inject Variables variables;
    @Inject DeploymentControl control;
    @Inject InternalRepos repos;
    @Inject Projects projects;
    @Inject WorkflowClient temporal;

    private StandInCluster cluster;
    private Caller owner;
    private McpTestClient mcp;

    @BeforeEach
    void connect() {
        cluster = worker.start();
        owner = fixtures.user(OWNER);
        mcp = McpTestClient.connect(server, fixtures.apiKey(owner), Optional.empty());
    }

    @AfterEach
    void disconnect() {
        mcp.close();
    }

    @Test
    void initializeNegotiatesTheProtocolAndListsTheTools() {
        McpSchema.InitializeResult init = mcp.sdk().getCurrentInitializationResult();

        assertThat(init.protocolVersion()).isGreaterThanOrEqualTo("2025-06-18");
        assertThat(init.serverInfo().name()).isEqualTo("mcpdeploy");
        assertThat(init.capabilities().tools()).isNotNull();
        List<McpSchema.Tool> tools = mcp.sdk().listTools().tools();
        assertThat(tools)
                .extracting(McpSchema.Tool::name)
                .containsExactlyInAnyOrder(
                        "whoami",
                        "list_projects",
                        "create_project",
                        "create_service",
                        "update_service",
                        "redeploy_service",
                        "rollback_service",
                        "cancel_deployment",
                        "list_services",
                        "get_service",
                        "get_logs",
                        "get_metrics",
                        "list_deployments",
                        "delete_service",
                        "set_env_vars",
                        "create_repo",
                        "get_git_token",
                        "list_git_tokens",
                        "revoke_git_token",
                        "add_custom_domain",
                        "verify_custom_domain",
                        "remove_custom_domain");
        assertThat(tools)
                .allSatisfy(
                        tool -> {
                            assertThat(tool.description()).hasSizeGreaterThan(80);
                            assertThat(tool.annotations()).isNotNull();
                            assertThat(tool.outputSchema()).isNotEmpty();
                            assertThat(tool.inputSchema())
                                    .containsEntry("additionalProperties", false);
                        });
    }

    @Test
    void whoamiAndProjects() {
        Map<String, Object> me = mcp.ok("whoami", Map.of());
        assertThat(me).containsEntry("userId", OWNER);
        assertThat(nested(me, "defaultProject")).containsEntry("name", "default");

        String name = fixtures.unique("shop");
        Map<String, Object> created = mcp.ok("create_project", Map.of("name", name));
        assertThat(created).containsEntry("name", name).containsEntry("isDefault", false);

        Map<String, Object> listed = mcp.ok("list_projects", Map.of("first", 100));
        assertThat(list(listed, "projects"))
                .extracting(p -> p.get("name"))
                .contains(name, "default");

        assertThat(mcp.error("create_project", Map.of("name", name)))
                .contains("Refused (name)")
                .contains("already have a project named " + name);
        assertThat(mcp.error("create_project", Map.of("name", "Not_A_Label")))
                .startsWith("Invalid argument name:");
        assertThat(mcp.error("list_projects", Map.of("first", 1000)))
                .startsWith("Invalid argument first:")
                .contains("between 1 and 100");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAgentCreatesARepoAndAServiceThenDeploysAndManagesIt() {
        String repo = fixtures.unique("app");
        Map<String, Object> access = mcp.ok("create_repo", Map.of("name", repo));
        assertThat((String) access.get("token")).startsWith("dpg_");
        assertThat((String) access.get("remoteUrl"))
                .isEqualTo("https://git.test.invalid/" + OWNER + "/default/" + repo + ".git");
        assertThat((String) access.get("authenticatedRemoteUrl"))
                .startsWith("https://git:dpg_")
                .endsWith("@git.test.invalid/" + OWNER + "/default/" + repo + ".git");
        Map<String, Object> again = mcp.ok("get_git_token", Map.of("repo", repo, "ttlMinutes", 5));
        assertThat(again.get("token")).isNotEqualTo(access.get("token"));

        String name = fixtures.unique("web").replace("-", "");
        Map<String, Object> created =
                mcp.ok(
                        "create_service",
                        Map.of(
                                "name",
                                name,
                                "repo",
                                repo,
                                "port",
                                3000,
                                "env",
                                Map.of("LOG_LEVEL", "info")));
        Map<String, Object> service = nested(created, "service");
        String serviceId = (String) service.get("id");
        assertThat(service)
                .containsEntry("host", "ink")
                .containsEntry("repo", repo)
                .containsEntry("port", 3000)
                .containsEntry("envVarNames", List.of("LOG_LEVEL"));
        assertThat(service)
                .containsEntry("url", "https://" + name + "-default-" + OWNER + ".ml.ink");
        assertThat(created).doesNotContainKey("deployment");
        assertThat((String) created.get("next")).contains("branch main does not exist");
        assertThat(mcp.ok("get_service", Map.of("serviceId", serviceId)))
                .containsEntry("status", "not_deployed");

        String first = fixtures.sha();
        cluster.push(repo, "main", first);
        Map<String, Object> deployment = mcp.ok("redeploy_service", Map.of("serviceId", serviceId));
        assertThat(deployment).containsEntry("commitSha", first).containsEntry("trigger", "api");
        awaitStatus((String) deployment.get("id"), DeploymentStatus.ACTIVE);

        Map<String, Object> status = mcp.ok("get_service", Map.of("serviceId", serviceId));
        assertThat(status).containsEntry("status", "active").doesNotContainKey("env");
        assertThat(nested(status, "liveDeployment")).containsEntry("id", deployment.get("id"));
        assertThat(list(status, "recentEvents")).extracting(e -> e.get("step")).contains("build");
        assertThat((List<Object>) status.get("buildLog")).contains("#2 exporting to image done");

        Map<String, Object> vars =
                mcp.ok(
                        "set_env_vars",
                        Map.of(
                                "serviceId",
                                serviceId,
                                "env",
                                Map.of("API_TOKEN", "s3cret"),
                                "unset",
                                List.of("LOG_LEVEL")));
        assertThat(vars).containsEntry("envVarNames", List.of("API_TOKEN"));
        assertThat(
                        nested(
                                mcp.ok(
                                        "get_service",
                                        Map.of("serviceId", serviceId, "includeEnv", true)),
                                "env"))
                .isEqualTo(Map.of("API_TOKEN", "s3cret"));

        Map<String, Object> updated =
                mcp.ok(
                        "update_service",
                        Map.of("serviceId", serviceId, "port", 8081, "memoryMi", 1024));
        assertThat(nested(updated, "service"))
                .containsEntry("port", 8081)
                .containsEntry("memoryMi", 1024);
        assertThat(mcp.error("update_service", Map.of("serviceId", serviceId, "port", 70000)))
                .startsWith("Invalid argument port:")
                .contains("between 1 and 65535");

        String second = fixtures.sha();
        cluster.push(repo, "main", second);
        Map<String, Object> newer = mcp.ok("redeploy_service", Map.of("serviceId", serviceId));
        awaitStatus((String) newer.get("id"), DeploymentStatus.ACTIVE);

        Map<String, Object> rollback = mcp.ok("rollback_service", Map.of("serviceId", serviceId));
        assertThat(rollback)
                .containsEntry("trigger", "rollback")
                .containsEntry("rollbackOf", deployment.get("id"))
                .containsEntry("commitSha", first);
        awaitStatus((String) rollback.get("id"), DeploymentStatus.ACTIVE);

        Map<String, Object> history =
                mcp.ok("list_deployments", Map.of("serviceId", serviceId, "first", 2));
        assertThat(list(history, "deployments"))
                .extracting(d -> d.get("id"))
                .containsExactly(rollback.get("id"), newer.get("id"));
        assertThat(nested(history, "pageInfo")).containsEntry("hasNextPage", true);

        assertThat(mcp.error("cancel_deployment", Map.of("deploymentId", rollback.get("id"))))
                .startsWith("Refused (deploymentId)")
                .contains("already active");

        Map<String, Object> listed = mcp.ok("list_services", Map.of());
        assertThat(list(listed, "services")).extracting(s -> s.get("id")).contains(serviceId);

        Map<String, Object> deleting = mcp.ok("delete_service", Map.of("serviceId", serviceId));
        assertThat(deleting).containsEntry("status", "deleting");
        await().atMost(SETTLES)
                .until(
                        () ->
                                list(mcp.ok("list_services", Map.of("first", 100)), "services")
                                        .stream()
                                        .noneMatch(s -> serviceId.equals(s.get("id"))));
        await().atMost(SETTLES)
                .untilAsserted(
                        () ->
                                assertThat(cluster.deleted())
                                        .anySatisfy(d -> assertThat(d.service()).isEqualTo(name)));
    }

    @Test
    void cancelDeploymentAnswersAtOnceAndTheBuildInFlightEndsCancelled() {
        String repo = fixtures.unique("slow");
        mcp.ok("create_repo", Map.of("name", repo));
        String serviceId =
                (String)
                        nested(
                                        mcp.ok(
                                                "create_service",
                                                Map.of(
                                                        "name",
                                                        fixtures.unique("slow").replace("-", ""),
                                                        "repo",
                                                        repo)),
                                        "service")
                                .get("id");
        cluster.holdBuilds(repo);
        cluster.push(repo, "main", fixtures.sha());
        Map<String, Object> building = mcp.ok("redeploy_service", Map.of("serviceId", serviceId));
        awaitStatus((String) building.get("id"), DeploymentStatus.BUILDING);

        Map<String, Object> cancelling =
                mcp.ok("cancel_deployment", Map.of("deploymentId", building.get("id")));

        // The answer comes once the cancellation is recorded; the held build stops after it.
        assertThat(cancelling).containsEntry("id", building.get("id")).containsKey("status");
        awaitStatus((String) building.get("id"), DeploymentStatus.CANCELLED);
        assertThat(mcp.ok("get_service", Map.of("serviceId", serviceId)))
                .containsEntry("status", "cancelled")
                .doesNotContainKey("liveDeployment");
        assertThat(mcp.error("rollback_service", Map.of("serviceId", serviceId)))
                .startsWith("Refused (deploymentId)")
                .contains("nothing to roll back to");
    }

    @Test
    void aGithubRepositoryIsTheSourceWhenGivenAsOwnerSlashName() {
        String name = fixtures.unique("gh").replace("-", "");
        String repository = "octo/" + fixtures.unique("site");
        String sha = fixtures.sha();
        cluster.push(repository, "main", sha);
        cluster.holdBuilds(repository);

        Map<String, Object> created =
                mcp.ok("create_service", Map.of("name", name, "repo", repository));

        assertThat(nested(created, "service"))
                .containsEntry("host", "github")
                .containsEntry("repo", repository);
        assertThat(nested(created, "deployment"))
                .containsEntry("commitSha", sha)
                .containsEntry("trigger", "api");
        // The deploy workflow may already have started the (held) build when the answer is read.
        assertThat(nested(created, "deployment").get("status")).isIn("queued", "building");
    }

    @Test
    void anAgentChoosesHowItsServiceIsBuiltAndGetServiceShowsIt() {
        String repo = fixtures.unique("code");
        mcp.ok("create_repo", Map.of("name", repo));
        String name = fixtures.unique("py").replace("-", "");

        Map<String, Object> created =
                mcp.ok(
                        "create_service",
                        Map.of(
                                "name",
                                name,
                                "repo",
                                repo,
                                "build",
                                "python",
                                "rootDirectory",
                                "api",
                                "installCommand",
                                " pip install -r requirements.txt ",
                                "startCommand",
                                "gunicorn app:app"));
        String serviceId = (String) nested(created, "service").get("id");
        assertThat(nested(created, "service"))
                .containsEntry("build", "python")
                .containsEntry("rootDirectory", "api")
                .containsEntry("installCommand", "pip install -r requirements.txt")
                .containsEntry("startCommand", "gunicorn app:app")
                .doesNotContainKey("buildCommand");

        Map<String, Object> updated =
                mcp.ok(
                        "update_service",
                        Map.of(
                                "serviceId",
                                serviceId,
                                "build",
                                "auto",
                                "installCommand",
                                "",
                                "buildCommand",
                                "make"));
        assertThat(nested(updated, "service"))
                .containsEntry("build", "auto")
                .containsEntry("buildCommand", "make")
                .containsEntry("startCommand", "gunicorn app:app")
                .doesNotContainKey("installCommand");
        assertThat((String) updated.get("next")).contains("redeploy_service");

        assertThat(nested(mcp.ok("get_service", Map.of("serviceId", serviceId)), "service"))
                .containsEntry("build", "auto")
                .containsEntry("buildCommand", "make")
                .containsEntry("startCommand", "gunicorn app:app");
    }

    @Test
    void aBadBuildSettingIsAToolErrorNamingTheArgumentAndChangesNothing() {
        String repo = fixtures.unique("code");
        mcp.ok("create_repo", Map.of("name", repo));
        String name = fixtures.unique("bad").replace("-", "");
        assertThat(
                        mcp.error(
                                "create_service",
                                Map.of("name", name, "repo", repo, "build", "nixpacks")))
                .startsWith(
                        "Invalid argument build: must be one of auto, dockerfile, node,"
                                + " python, go, static, java");
        String serviceId =
                (String)
                        nested(
                                        mcp.ok(
                                                "create_service",
                                                Map.of("name", name, "repo", repo)),
                                        "service")
                                .get("id");

        assertThat(
                        mcp.error(
                                "update_service",
                                Map.of(
                                        "serviceId",
                                        serviceId,
                                        "build",
                                        "node",
                                        "startCommand",
                                        "node a.js\nrm -rf /")))
                .startsWith("Invalid argument startCommand: must be one line");
        assertThat(nested(mcp.ok("get_service", Map.of("serviceId", serviceId)), "service"))
                .containsEntry("build", "auto")
                .doesNotContainKey("startCommand");
    }

    @Test
    void userMistakesAreToolErrorsThatNameTheArgument() {
        assertThat(mcp.error("get_service", Map.of("serviceId", "not-an-id")))
                .isEqualTo(
                        "Invalid argument serviceId: must be an id as returned by the API (a UUID)."
                                + " Correct it and call get_service again.");
        assertThat(mcp.error("get_service", Map.of("serviceId", UUID.randomUUID().toString())))
                .startsWith("Not found: service ")
                .contains("Use list_services to find the right id.");
        assertThat(mcp.error("create_service", Map.of("name", "web", "repo", "no-such-repo")))
                .startsWith("Not found: repo no-such-repo in project default");
        assertThat(
                        mcp.error(
                                "create_service",
                                Map.of("name", "web", "repo", "octo/site", "memoryMi", 300)))
                .startsWith("Invalid argument memoryMi:");
        assertThat(
                        mcp.error(
                                "create_service",
                                Map.of("name", "web", "repo", "octo/site", "host", "gitlab")))
                .startsWith("Invalid argument host: must be ink or github");
        assertThat(mcp.error("set_env_vars", Map.of("serviceId", UUID.randomUUID().toString())))
                .startsWith("Invalid argument env:");
        assertThat(mcp.error("create_service", Map.of("name", "web"))).contains("repo");
    }

    @Test
    void anotherUsersServiceIsNotFoundForEveryToolAndNothingChanges() {
        Caller victim = owner;
        Caller stranger = fixtures.user(STRANGER);
        String repo = fixtures.unique("priv");
        String name = fixtures.unique("svc").replace("-", "");
        String serviceId = ownersActiveService(victim, repo, name);
        String deploymentId = deployments.latest(victim, serviceId).orElseThrow().id();
        List<DeploymentView> before = allDeployments(victim, serviceId);
        var serviceBefore = services.get(victim, serviceId);

        Map<String, Map<String, Object>> calls = new LinkedHashMap<>();
        calls.put("get_service", Map.of("serviceId", serviceId, "includeEnv", true));
        calls.put("update_service", Map.of("serviceId", serviceId, "port", 9999));
        calls.put("set_env_vars", Map.of("serviceId", serviceId, "env", Map.of("X", "y")));
        calls.put("redeploy_service", Map.of("serviceId", serviceId));
        calls.put("rollback_service", Map.of("serviceId", serviceId, "deploymentId", deploymentId));
        calls.put("cancel_deployment", Map.of("deploymentId", deploymentId));
        calls.put("list_deployments", Map.of("serviceId", serviceId));
        calls.put("get_logs", Map.of("serviceId", serviceId));
        calls.put("get_metrics", Map.of("serviceId", serviceId));
        calls.put("delete_service", Map.of("serviceId", serviceId));
        calls.put("get_git_token", Map.of("repo", repo));
        calls.put("list_git_tokens", Map.of("repo", repo));
        calls.put("revoke_git_token", Map.of("tokenId", victimsGitToken(victim, repo)));
        calls.put("list_services", Map.of("project", serviceBefore.projectId()));
        try (McpTestClient asStranger =
                McpTestClient.connect(server, fixtures.apiKey(stranger), Optional.empty())) {
            calls.forEach(
                    (tool, arguments) ->
                            assertThat(asStranger.error(tool, arguments))
                                    .as(tool)
                                    .startsWith("Not found:")
                                    .doesNotContain(name));
        }

        assertThat(allDeployments(victim, serviceId)).isEqualTo(before);
        assertThat(services.get(victim, serviceId)).isEqualTo(serviceBefore);
        assertThat(variables.reveal(victim, serviceId)).isEqualTo(Map.of("SECRET", "victim"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAgentListsItsGitTokensAndRevokesOneWhichIsPublishedToTheGitServer() throws Exception {
        String repo = fixtures.unique("tok");
        Map<String, Object> kept = mcp.ok("create_repo", Map.of("name", repo));
        Map<String, Object> revoked = mcp.ok("get_git_token", Map.of("repo", repo));
        String tokenId = (String) revoked.get("tokenId");

        Map<String, Object> answer = mcp.ok("revoke_git_token", Map.of("tokenId", tokenId));
        Map<String, Object> again = mcp.ok("revoke_git_token", Map.of("tokenId", tokenId));
        Map<String, Object> listed = mcp.ok("list_git_tokens", Map.of("repo", repo));

        assertThat(answer).containsEntry("tokenId", tokenId).containsKey("revokedAt");
        assertThat(again.get("revokedAt")).isEqualTo(answer.get("revokedAt"));
        assertThat(list(listed, "tokens"))
                .extracting(t -> t.get("tokenId"), t -> t.get("revokedAt") != null)
                .containsExactly(tuple(tokenId, true), tuple(kept.get("tokenId"), false));
        String signedId =
                new GitTokenVerifier(
                                GitTokenKeys.of(
                                        Map.of(
                                                "test-1",
                                                "Kq3Qm5Qb7vZ2mUj0cS9m4Q2x1XW5yq1cJ8b4a0F2H6E="),
                                        Optional.empty()),
                                Clock.systemUTC())
                        .authentic((String) revoked.get("token"))
                        .id();
        assertThat(
                        temporal.newUntypedWorkflowStub(WorkflowIds.revokeGitToken(signedId))
                                .describe()
                                .getWorkflowType())
                .as("the revocation is on its way to the git-server")
                .isEqualTo("RevokeGitTokenWorkflow");
        assertThat(mcp.error("revoke_git_token", Map.of("tokenId", "nope")))
                .startsWith("Invalid argument tokenId:");
    }

    /** A push token of the victim's repository, issued directly through the platform. */
    private String victimsGitToken(Caller victim, String repo) {
        String projectId = projects.getDefault(victim).id();
        String repoId =
                repos
                        .list(victim, projectId, PageRequest.of(PageRequest.MAX_SIZE, null))
                        .items()
                        .stream()
                        .filter(r -> r.name().equals(repo))
                        .findFirst()
                        .orElseThrow()
                        .id();
        return repos.issueToken(victim, repoId, null).id();
    }

    /** The owner's service with an active deployment, made directly through the platform. */
    private String ownersActiveService(Caller victim, String repo, String name) {
        String serviceId = fixtures.internalService(victim, repo, name, Map.of("SECRET", "victim"));
        cluster.push(repo, "main", fixtures.sha());
        DeploymentView deployment = control.deployLatest(victim, UUID.fromString(serviceId));
        awaitStatus(deployment.id(), DeploymentStatus.ACTIVE);
        return serviceId;
    }

    private List<DeploymentView> allDeployments(Caller caller, String serviceId) {
        return deployments
                .list(caller, serviceId, PageRequest.of(PageRequest.MAX_SIZE, null))
                .items();
    }

    private void awaitStatus(String deploymentId, DeploymentStatus expected) {
        await().atMost(SETTLES)
                .until(() -> records.statusOf(UUID.fromString(deploymentId)) == expected);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> nested(Map<String, Object> map, String key) {
        return (Map<String, Object>) map.get(key);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> map, String key) {
        return (List<Map<String, Object>>) map.get(key);
    }
}
