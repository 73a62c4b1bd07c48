package ink.ml.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import ink.ml.deploy.local.LocalPlatform;
import ink.ml.deploy.local.LocalPlatformOptions;
import ink.ml.deploy.testing.ServiceLogsOnFailure;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two front doors, one rule book: the same scenario through GraphQL and through MCP ends the same
 * way. Each scenario is one method of {@link Door}, implemented once per door; a test sets up the
 * same state for each door, runs the scenario through both and compares the outcomes, reduced to
 * what a user can tell apart (refused how, or which deployment was put back).
 *
 * <p>One {@link LocalPlatform} serves every scenario: the six packaged services as processes on
 * real ports, against a Temporal test server this class owns, so that the last scenario can take
 * Temporal away. Deployment history that only builds would produce (a deployment that ran, one
 * whose rollout failed after its build) is written straight into the product plane's database: the
 * doors are under test here, not the builds, which {@link PlatformEndToEndIT} covers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FrontDoorParityIT {
    private static TestServer.PortBoundTestServer temporal;
    private static LocalPlatform platform;

    /** A failed scenario shows what the services said. */
    @RegisterExtension
    static final ServiceLogsOnFailure PRINT_SERVICE_LOGS_ON_FAILURE =
            new ServiceLogsOnFailure(
                    () -> {
                        if (platform != null) {
                            platform.printServiceLogs();
                        }
                    });

    @BeforeAll
    static void startThePlatform() {
        int temporalPort = freePort();
        temporal = TestServer.createPortBoundServer(temporalPort, true);
        LocalPlatformOptions options =
                LocalPlatformOptions.defaults(Path.of("..").toAbsolutePath().normalize())
                        .withRandomPorts()
                        .withEnvironment(Map.of("TEMPORAL_ADDRESS", "127.0.0.1:" + temporalPort))
                        .withJvmOptions(List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"))
                        .withInMemoryKubernetes()
                        .withLogDirectory(Path.of("target", "parity-logs").toAbsolutePath());
        platform = LocalPlatform.start(options);
    }

    @AfterAll
    static void stopThePlatform() {
        if (platform != null) {
            platform.close();
        }
        if (temporal != null) {
            temporal.close();
        }
    }

    // ---- the scenarios ---------------------------------------------------------------------

    @Test
    @Order(1)
    void anotherUsersServiceAndDeploymentAreNotFoundThroughEitherDoor() {
        User owner = User.signIn("parityowner");
        User stranger = User.signIn("paritystranger");
        for (Door door : doors()) {
            String service = owner.service("foreign" + door.name());
            String deployment = seedDeployment(owner, service, "active", Duration.ofHours(1));

            assertThat(door.getService(stranger, service)).as(door.name()).isEqualTo(NOT_FOUND);
            assertThat(door.rollback(stranger, service)).as(door.name()).isEqualTo(NOT_FOUND);
            assertThat(door.cancelDeployment(stranger, deployment))
                    .as(door.name())
                    .isEqualTo(NOT_FOUND);
            assertThat(door.runtimeLogs(stranger, service)).as(door.name()).isEqualTo(NOT_FOUND);
            assertThat(door.metrics(stranger, service)).as(door.name()).isEqualTo(NOT_FOUND);
        }
    }

    @Test
    @Order(2)
    void aRollbackWithoutATargetIsRefusedAlikeWhenNothingEarlierRan() {
        User user = User.signIn("paritynotarget");
        Map<String, Outcome> withoutTarget = new LinkedHashMap<>();
        Map<String, Outcome> toTheFailedOne = new LinkedHashMap<>();
        for (Door door : doors()) {
            String service = user.service("notarget" + door.name());
            seedDeployment(user, service, "active", Duration.ofHours(2));
            // Built, but its rollout failed: its image never served anyone.
            String failed = seedDeployment(user, service, "failed", Duration.ofHours(1));

            withoutTarget.put(door.name(), door.rollback(user, service));
            toTheFailedOne.put(door.name(), door.rollbackTo(user, service, failed));
        }

        assertThat(withoutTarget).containsOnlyKeys("graphql", "mcp");
        assertThat(withoutTarget.values()).containsOnly(new Outcome(Kind.CONFLICT, null));
        assertThat(toTheFailedOne.values()).containsOnly(new Outcome(Kind.CONFLICT, null));
    }

    @Test
    @Order(3)
    void aRollbackWithoutATargetGoesToTheSameEarlierDeploymentThroughEitherDoor() {
        User user = User.signIn("paritytarget");
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (Door door : doors()) {
            String service = user.service("target" + door.name());
            String older = seedDeployment(user, service, "superseded", Duration.ofHours(4));
            String earlier = seedDeployment(user, service, "superseded", Duration.ofHours(3));
            seedDeployment(user, service, "failed", Duration.ofHours(2));
            seedDeployment(user, service, "active", Duration.ofHours(1));

            Outcome outcome = door.rollback(user, service);
            outcomes.put(
                    door.name(),
                    outcome.withDetail(
                            Map.of(
                                            earlier,
                                            "the newest earlier deployment that ran",
                                            older,
                                            "an older one")
                                    .getOrDefault(outcome.detail(), outcome.detail())));
        }

        assertThat(outcomes.values())
                .containsOnly(new Outcome(Kind.OK, "the newest earlier deployment that ran"));
    }

    @Test
    @Order(4)
    void aRevokedGitTokenIsRefusedAtTheGitServerWhicheverDoorRevokedIt() {
        User owner = User.signIn("paritygit");
        User stranger = User.signIn("paritygitstranger");
        Map<String, Outcome> foreign = new LinkedHashMap<>();
        Map<String, Outcome> revoked = new LinkedHashMap<>();
        Map<String, Outcome> again = new LinkedHashMap<>();
        Map<String, String> refusals = new LinkedHashMap<>();
        for (Door door : doors()) {
            PushGrant grant = door.createRepo(owner, "revoke-" + door.name());
            PushGrant other = door.newGitToken(owner, grant.repoId());
            GitCli git = GitCli.init(gitWorkTree(door.name()));
            git.write("README", "pushed through " + door.name() + "\n").commit("first");
            git.push(grant.remoteUrl(), grant.token());

            foreign.put(door.name(), door.revokeGitToken(stranger, grant.tokenId()));
            revoked.put(door.name(), door.revokeGitToken(owner, grant.tokenId()));
            again.put(door.name(), door.revokeGitToken(owner, grant.tokenId()));

            git.write("README", "after the revocation\n").commit("second");
            refusals.put(door.name(), awaitRefusedPush(git, grant));
            // Only that token: the repository's other token still pushes.
            git.push(other.remoteUrl(), other.token());
        }

        assertThat(foreign.values()).containsOnly(NOT_FOUND);
        assertThat(revoked.values()).containsOnly(new Outcome(Kind.OK, null));
        assertThat(again.values()).containsOnly(new Outcome(Kind.OK, null));
        assertThat(refusals.values())
                .allSatisfy(
                        message ->
                                assertThat(message)
                                        .contains("the token was revoked: get a new one"));
    }

    /** Last: it takes Temporal away for good. */
    @Test
    @Order(99)
    void creatingAServiceWhileTemporalIsDownIsRefusedAndCreatesNothingThroughEitherDoor() {
        User user = User.signIn("paritydown");
        temporal.close();
        temporal = null;
        for (Door door : doors()) {
            String name = "down" + door.name();

            assertThat(door.createService(user, name))
                    .as(door.name())
                    .isEqualTo(new Outcome(Kind.UNAVAILABLE, null));
            assertThat(user.serviceNames()).as(door.name()).doesNotContain(name);
        }
    }

    // ---- the doors ---------------------------------------------------------------------------

    /** What a user can tell apart in an answer. */
    enum Kind {
        OK,
        NOT_FOUND,
        CONFLICT,
        UNAVAILABLE,
        INVALID,
        OTHER
    }

    /**
     * @param detail for a deployment that was started, what it rolls back to; otherwise null
     */
    record Outcome(Kind kind, String detail) {
        Outcome withDetail(String replaced) {
            return new Outcome(kind, replaced);
        }
    }

    private static final Outcome NOT_FOUND = new Outcome(Kind.NOT_FOUND, null);

    /** One front door: each scenario once, as that door's users call it. */
    interface Door {
        String name();

        /** Creates a service from GitHub {@code acme/<name>} and deploys it at once. */
        Outcome createService(User user, String name);

        /** Rolls the service back without naming a deployment. */
        Outcome rollback(User user, String serviceId);

        /** Rolls the service back to the named deployment. */
        Outcome rollbackTo(User user, String serviceId, String deploymentId);

        Outcome getService(User user, String serviceId);

        Outcome cancelDeployment(User user, String deploymentId);

        /** Reads the newest runtime lines of the service. */
        Outcome runtimeLogs(User user, String serviceId);

        /** Reads the service's resource series of the last hour. */
        Outcome metrics(User user, String serviceId);

        /** Creates an internal repository in the default project, with a push token. */
        PushGrant createRepo(User user, String name);

        /** Issues another push token for the repository. */
        PushGrant newGitToken(User user, String repoId);

        Outcome revokeGitToken(User user, String tokenId);
    }

    /** A push token as a door hands it out: the remote without credentials and the secret. */
    record PushGrant(String repoId, String tokenId, String remoteUrl, String token) {}

    private static List<Door> doors() {
        return List.of(new GraphqlDoor(), new McpDoor());
    }

    /** The dashboard's door: GraphQL over HTTP. */
    static final class GraphqlDoor implements Door {
        @Override
        public String name() {
            return "graphql";
        }

        @Override
        public Outcome createService(User user, String name) {
            return answer(
                    user,
                    "mutation($n: String!, $r: String!) { createService(input: {name: $n,"
                            + " githubRepo: $r}) { id } }",
                    Map.of("n", name, "r", "acme/" + name),
                    data -> null);
        }

        @Override
        public Outcome rollback(User user, String serviceId) {
            return answer(
                    user,
                    "mutation($s: ID!) { rollbackDeployment(serviceId: $s) { rollbackOf } }",
                    Map.of("s", serviceId),
                    data -> data.path("rollbackDeployment").path("rollbackOf").asText());
        }

        @Override
        public Outcome rollbackTo(User user, String serviceId, String deploymentId) {
            return answer(
                    user,
                    "mutation($s: ID!, $d: ID!) { rollbackDeployment(serviceId: $s, deploymentId:"
                            + " $d) { rollbackOf } }",
                    Map.of("s", serviceId, "d", deploymentId),
                    data -> data.path("rollbackDeployment").path("rollbackOf").asText());
        }

        @Override
        public Outcome getService(User user, String serviceId) {
            return answer(
                    user,
                    "query($s: ID!) { service(id: $s) { id } }",
                    Map.of("s", serviceId),
                    data -> null);
        }

        @Override
        public Outcome cancelDeployment(User user, String deploymentId) {
            return answer(
                    user,
                    "mutation($d: ID!) { cancelDeployment(deploymentId: $d) { id } }",
                    Map.of("d", deploymentId),
                    data -> null);
        }

        @Override
        public Outcome runtimeLogs(User user, String serviceId) {
            return answer(
                    user,
                    "query($s: ID!) { serviceLogs(serviceId: $s) { edges { cursor } } }",
                    Map.of("s", serviceId),
                    data -> null);
        }

        @Override
        public Outcome metrics(User user, String serviceId) {
            return answer(
                    user,
                    "query($s: ID!) { serviceMetrics(serviceId: $s) { step } }",
                    Map.of("s", serviceId),
                    data -> null);
        }

        @Override
        public PushGrant createRepo(User user, String name) {
            String repoId =
                    user.graphql()
                            .execute(
                                    "mutation($p: ID!, $n: String!) { createInternalRepo(projectId:"
                                            + " $p, name: $n) { id } }",
                                    Map.of("p", user.projectId(), "n", name))
                            .path("createInternalRepo")
                            .path("id")
                            .asText();
            return newGitToken(user, repoId);
        }

        @Override
        public PushGrant newGitToken(User user, String repoId) {
            JsonNode token =
                    user.graphql()
                            .execute(
                                    "mutation($r: ID!) { createGitToken(repoId: $r) { id remoteUrl"
                                            + " token } }",
                                    Map.of("r", repoId))
                            .path("createGitToken");
            return new PushGrant(
                    repoId,
                    token.path("id").asText(),
                    token.path("remoteUrl").asText(),
                    token.path("token").asText());
        }

        @Override
        public Outcome revokeGitToken(User user, String tokenId) {
            return answer(
                    user,
                    "mutation($t: ID!) { revokeGitToken(id: $t) { id } }",
                    Map.of("t", tokenId),
                    data -> null);
        }

        private static Outcome answer(
                User user,
                String document,
                Map<String, ?> variables,
                Function<JsonNode, String> detail) {
            try {
                return new Outcome(
                        Kind.OK, detail.apply(user.graphql().execute(document, variables)));
            } catch (GraphqlException e) {
                return new Outcome(kindOf(e.codes().get(0)), null);
            }
        }

        private static Kind kindOf(String code) {
            return switch (code) {
                case "NOT_FOUND" -> Kind.NOT_FOUND;
                case "CONFLICT" -> Kind.CONFLICT;
                case "UNAVAILABLE" -> Kind.UNAVAILABLE;
                case "BAD_USER_INPUT" -> Kind.INVALID;
                default -> Kind.OTHER;
            };
        }
    }

    /** The agents' door: MCP tools over Streamable HTTP. */
    static final class McpDoor implements Door {
        @Override
        public String name() {
            return "mcp";
        }

        @Override
        public Outcome createService(User user, String name) {
            return answer(
                    user,
                    "create_service",
                    Map.of("name", name, "repo", "acme/" + name),
                    content -> null);
        }

        @Override
        public Outcome rollback(User user, String serviceId) {
            return answer(
                    user,
                    "rollback_service",
                    Map.of("serviceId", serviceId),
                    content -> (String) content.get("rollbackOf"));
        }

        @Override
        public Outcome rollbackTo(User user, String serviceId, String deploymentId) {
            return answer(
                    user,
                    "rollback_service",
                    Map.of("serviceId", serviceId, "deploymentId", deploymentId),
                    content -> (String) content.get("rollbackOf"));
        }

        @Override
        public Outcome getService(User user, String serviceId) {
            return answer(user, "get_service", Map.of("serviceId", serviceId), content -> null);
        }

        @Override
        public Outcome cancelDeployment(User user, String deploymentId) {
            return answer(
                    user,
                    "cancel_deployment",
                    Map.of("deploymentId", deploymentId),
                    content -> null);
        }

        @Override
        public Outcome runtimeLogs(User user, String serviceId) {
            return answer(user, "get_logs", Map.of("serviceId", serviceId), content -> null);
        }

        @Override
        public Outcome metrics(User user, String serviceId) {
            return answer(user, "get_metrics", Map.of("serviceId", serviceId), content -> null);
        }

        @Override
        public PushGrant createRepo(User user, String name) {
            return grant(user, "create_repo", Map.of("name", name));
        }

        @Override
        public PushGrant newGitToken(User user, String repoId) {
            return grant(user, "get_git_token", Map.of("repo", repoId));
        }

        @Override
        public Outcome revokeGitToken(User user, String tokenId) {
            return answer(user, "revoke_git_token", Map.of("tokenId", tokenId), content -> null);
        }

        private static PushGrant grant(User user, String tool, Map<String, Object> arguments) {
            try (McpAgent agent = McpAgent.connect(platform.mcpUrl(), user.apiKey())) {
                McpAgent.Answer answer = agent.attempt(tool, arguments);
                assertThat(answer.error()).as(tool).isNull();
                Map<String, Object> content = answer.content();
                return new PushGrant(
                        (String) content.get("repoId"),
                        (String) content.get("tokenId"),
                        (String) content.get("remoteUrl"),
                        (String) content.get("token"));
            }
        }

        private static Outcome answer(
                User user,
                String tool,
                Map<String, Object> arguments,
                Function<Map<String, Object>, String> detail) {
            try (McpAgent agent = McpAgent.connect(platform.mcpUrl(), user.apiKey())) {
                McpAgent.Answer answer = agent.attempt(tool, arguments);
                if (answer.error() == null) {
                    return new Outcome(Kind.OK, detail.apply(answer.content()));
                }
                return new Outcome(kindOf(answer.error()), null);
            }
        }

        private static Kind kindOf(String error) {
            if (error.startsWith("Not found:")) {
                return Kind.NOT_FOUND;
            }
            if (error.startsWith("Refused (")) {
                return Kind.CONFLICT;
            }
            if (error.startsWith("Unavailable:")) {
                return Kind.UNAVAILABLE;
            }
            if (error.startsWith("Invalid argument")) {
                return Kind.INVALID;
            }
            return Kind.OTHER;
        }
    }

    // ---- users and their state ------------------------------------------------------------

    /** A user signed in to the dashboard, with an API key for agents. */
    record User(
            String id, GraphqlClient graphql, String apiKey, String projectId, String namespace) {
        static User signIn(String uid) {
            GraphqlClient graphql =
                    new GraphqlClient(
                            platform.graphqlUrl(),
                            platform.signInToken(uid, uid + "@example.com", "Parity " + uid));
            Dashboard dashboard = new Dashboard(graphql);
            String id = dashboard.userId();
            String apiKey = dashboard.createApiKey("parity");
            JsonNode project =
                    graphql.execute("{ projects { edges { node { id namespace isDefault } } } }")
                            .path("projects")
                            .path("edges")
                            .get(0)
                            .path("node");
            return new User(
                    id,
                    graphql,
                    apiKey,
                    project.path("id").asText(),
                    project.path("namespace").asText());
        }

        /** A service from GitHub {@code acme/<name>} in the default project, not deployed. */
        String service(String name) {
            return new Dashboard(graphql)
                    .createService(projectId, name, Map.of("githubRepo", "acme/" + name));
        }

        List<String> serviceNames() {
            return graphql.execute(
                            "query($p: ID!) { project(id: $p) { services(first: 100) { edges {"
                                    + " node { name } } } } }",
                            Map.of("p", projectId))
                    .path("project")
                    .path("services")
                    .path("edges")
                    .findValuesAsText("name");
        }
    }

    /**
     * Writes a deployment of {@code serviceId} that was built (it has its image) and reached {@code
     * status}, {@code ago} before now, as the deploy workflow would have left it. Returns its id.
     */
    private static String seedDeployment(User user, String serviceId, String status, Duration ago) {
        JsonNode service =
                user.graphql()
                        .execute(
                                "query($s: ID!) { service(id: $s) { name githubRepo branch port"
                                        + " memoryMi rootDirectory dockerfilePath buildStrategy } }",
                                Map.of("s", serviceId))
                        .path("service");
        String sha = randomSha();
        String image =
                "127.0.0.1:5000/"
                        + user.namespace()
                        + "/"
                        + service.path("name").asText()
                        + ":"
                        + sha;
        String config =
                "{\"port\": "
                        + service.path("port").asInt()
                        + ", \"memoryMi\": "
                        + service.path("memoryMi").asInt()
                        + ", \"milliCpu\": 500, \"rootDirectory\": \""
                        + service.path("rootDirectory").asText()
                        + "\", \"dockerfilePath\": \""
                        + service.path("dockerfilePath").asText()
                        + "\", \"branch\": \""
                        + service.path("branch").asText()
                        + "\", \"buildStrategy\": \""
                        + service.path("buildStrategy").asText()
                        + "\", \"source\": {\"kind\": \"github\", \"githubRepo\": \""
                        + service.path("githubRepo").asText()
                        + "\"}}";
        UUID id = UUID.randomUUID();
        Timestamp at = Timestamp.from(Instant.now().minus(ago));
        boolean ended = !status.equals("active");
        try (Connection db = DriverManager.getConnection(platform.jdbcUrl(), "postgres", "");
                PreparedStatement insert =
                        db.prepareStatement(
                                "insert into deployments (id, service_id, status, trigger,"
                                        + " commit_sha, image_ref, config_snapshot, error_step,"
                                        + " error_message, workflow_id, created_at, updated_at,"
                                        + " finished_at) values (?, ?, ?, 'api', ?, ?,"
                                        + " cast(? as jsonb), ?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setObject(2, UUID.fromString(serviceId));
            insert.setString(3, status);
            insert.setString(4, sha);
            insert.setString(5, image);
            insert.setString(6, config);
            insert.setString(7, status.equals("failed") ? "rollout" : null);
            insert.setString(8, status.equals("failed") ? "port 8080 never answered" : null);
            insert.setString(9, "deploy-" + id);
            insert.setTimestamp(10, at);
            insert.setTimestamp(11, at);
            insert.setTimestamp(12, ended ? at : null);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not write a deployment of " + serviceId, e);
        }
        return id.toString();
    }

    private static Path gitWorkTree(String door) {
        return Path.of("target", "parity-git", door + "-" + UUID.randomUUID()).toAbsolutePath();
    }

    /**
     * The revocation reaches the git-server through Temporal a moment after the door answered: push
     * until the git-server refuses, and return what git printed then.
     */
    private static String awaitRefusedPush(GitCli git, PushGrant grant) {
        AtomicReference<String> refusal = new AtomicReference<>();
        await("the git-server refuses the revoked token")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            try {
                                git.push(grant.remoteUrl(), grant.token());
                            } catch (IllegalStateException refused) {
                                refusal.set(refused.getMessage());
                                return true;
                            }
                            // Accepted still: the next try needs a new commit to push at all.
                            git.write("README", "accepted at " + Instant.now() + "\n")
                                    .commit("again");
                            return false;
                        });
        return refusal.get();
    }

    private static String randomSha() {
        byte[] raw = new byte[20];
        ThreadLocalRandom.current().nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
