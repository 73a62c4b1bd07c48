package ink.ml.deploy.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ink.ml.deploy.domain.DeploymentStep;
import ink.ml.deploy.domain.EventStatus;
import ink.ml.deploy.platform.apikeys.ApiKeys;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.deployments.DeploymentFixtures;
import ink.ml.deploy.platform.deployments.DeploymentRecords;
import ink.ml.deploy.platform.deployments.DeploymentView;
import ink.ml.deploy.platform.deployments.Deployments;
import ink.ml.deploy.platform.deployments.NewDeployment;
import ink.ml.deploy.platform.deployments.RollbackTargets;
import ink.ml.deploy.platform.domains.CustomDomains;
import ink.ml.deploy.platform.github.GithubAccounts;
import ink.ml.deploy.platform.observability.LogRequest;
import ink.ml.deploy.platform.observability.ServiceLogs;
import ink.ml.deploy.platform.observability.ServiceMetrics;
import ink.ml.deploy.platform.pagination.PageRequest;
import ink.ml.deploy.platform.projects.ProjectView;
import ink.ml.deploy.platform.projects.Projects;
import ink.ml.deploy.platform.repos.InternalRepoView;
import ink.ml.deploy.platform.repos.InternalRepos;
import ink.ml.deploy.platform.services.CreateServiceRequest;
import ink.ml.deploy.platform.services.Services;
import ink.ml.deploy.platform.services.UpdateServiceRequest;
import ink.ml.deploy.platform.sessions.Sessions;
import ink.ml.deploy.platform.variables.VariableChange;
import ink.ml.deploy.platform.variables.Variables;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * User B calls every caller-scoped method of every application service with user A's ids. Each call
 * must fail with the same not-found error a missing id gets (so B cannot even learn that A's
 * objects exist), and afterwards every table holds exactly what it held before. A reflective check
 * keeps "every" true: a new public method taking a {@link Caller} fails it until the matrix (or the
 * short list of methods that take no id) names it.
 */
@QuarkusTest
class AuthorizationMatrixTest {
    @Inject TestUsers users;
    @Inject Projects projects;
    @Inject Services services;
    @Inject Variables variables;
    @Inject Deployments deployments;
    @Inject DeploymentRecords records;
    @Inject DeploymentFixtures fixtures;
    @Inject CustomDomains domains;
    @Inject InternalRepos repos;
    @Inject ApiKeys apiKeys;
    @Inject GithubAccounts githubAccounts;
    @Inject Sessions sessions;
    @Inject RollbackTargets rollbackTargets;
    @Inject ServiceLogs logs;
    @Inject ServiceMetrics metrics;
    @Inject EntityManager entityManager;

    /** What user A owns. */
    private record Owned(
            String project,
            String repo,
            String gitToken,
            String service,
            String deployment,
            String domain,
            String apiKey,
            UUID session) {}

    private Owned createEverythingFor(Caller owner) {
        ProjectView project = projects.create(owner, "shop");
        InternalRepoView repo = repos.create(owner, project.id(), "shop-web");
        String token = repos.issueToken(owner, repo.id(), Duration.ofHours(1)).id();
        String service =
                services.create(
                                owner,
                                CreateServiceRequest.builder("web")
                                        .projectId(project.id())
                                        .repoId(repo.id())
                                        .env(Map.of("DATABASE_URL", "postgres://secret"))
                                        .build())
                        .id();
        DeploymentView deployment = fixtures.activeDeployment(owner, UUID.fromString(service));
        UUID deploymentId = UUID.fromString(deployment.id());
        records.appendEvent(deploymentId, DeploymentStep.ACTIVE, EventStatus.SUCCEEDED, "up");
        records.appendLogLines(deploymentId, 1, List.of("Step 1/2 : FROM scratch"));
        String domain = domains.add(owner, service, "shop-" + owner.id() + ".example.com").id();
        String apiKey = apiKeys.create(owner, "laptop").id();
        UUID session = UUID.fromString(sessions.issue(owner.userId()).id());
        return new Owned(
                project.id(), repo.id(), token, service, deployment.id(), domain, apiKey, session);
    }

    @Test
    void anotherUserFindsNothingOfMineAndChangesNothing() {
        Caller owner = users.newCaller();
        Owned a = createEverythingFor(owner);
        Caller stranger = users.newCaller();
        String strangersProject = projects.getDefault(stranger).id();
        Map<String, Runnable> calls = callsOnTheOwnersObjects(a, stranger, strangersProject);

        Map<String, String> before = tableFingerprints();
        Map<String, String> wrongOutcomes = new LinkedHashMap<>();
        calls.forEach(
                (name, call) -> {
                    Throwable thrown = catchThrowable(call::run);
                    if (!(thrown instanceof NotFoundException)) {
                        wrongOutcomes.put(name, String.valueOf(thrown));
                    }
                });

        assertThat(wrongOutcomes).as("calls that did not answer not-found").isEmpty();
        assertThat(tableFingerprints()).isEqualTo(before);
    }

    /**
     * Every caller-scoped method that takes an id, called by {@code stranger} with the owner's ids.
     * A key is {@code Class.method}, then what tells two calls of one method apart.
     */
    private Map<String, Runnable> callsOnTheOwnersObjects(
            Owned a, Caller stranger, String strangersProject) {
        PageRequest page = PageRequest.firstPage();
        UUID project = UUID.fromString(a.project());
        UUID repo = UUID.fromString(a.repo());
        UUID service = UUID.fromString(a.service());
        Map<String, Runnable> calls = new LinkedHashMap<>();
        calls.put("Projects.get", () -> projects.get(stranger, a.project()));
        calls.put("Projects.getByName", () -> projects.getByName(stranger, "shop"));
        calls.put("Projects.delete", () -> projects.delete(stranger, a.project()));
        calls.put("Projects.owned", () -> projects.owned(stranger, project));
        calls.put("InternalRepos.create", () -> repos.create(stranger, a.project(), "mine"));
        calls.put("InternalRepos.get", () -> repos.get(stranger, a.repo()));
        calls.put("InternalRepos.list", () -> repos.list(stranger, a.project(), page));
        calls.put("InternalRepos.count", () -> repos.count(stranger, a.project()));
        calls.put("InternalRepos.path", () -> repos.path(stranger, a.repo()));
        calls.put("InternalRepos.owned", () -> repos.owned(stranger, repo));
        calls.put(
                "InternalRepos.issueToken",
                () -> repos.issueToken(stranger, a.repo(), Duration.ofHours(1)));
        calls.put("InternalRepos.revokeToken", () -> repos.revokeToken(stranger, a.gitToken()));
        calls.put("InternalRepos.revocation", () -> repos.revocation(stranger, a.gitToken()));
        calls.put("InternalRepos.tokens", () -> repos.tokens(stranger, a.repo()));
        calls.put(
                "Services.create in A's project",
                () ->
                        services.create(
                                stranger,
                                CreateServiceRequest.builder("api")
                                        .projectId(a.project())
                                        .githubRepo("acme/api")
                                        .build()));
        calls.put(
                "Services.create from A's repo",
                () ->
                        services.create(
                                stranger,
                                CreateServiceRequest.builder("api")
                                        .projectId(strangersProject)
                                        .repoId(a.repo())
                                        .build()));
        calls.put("Services.get", () -> services.get(stranger, a.service()));
        calls.put("Services.list", () -> services.list(stranger, a.project(), page));
        calls.put("Services.count", () -> services.count(stranger, a.project()));
        calls.put("Services.owned", () -> services.owned(stranger, service));
        calls.put(
                "Services.update",
                () ->
                        services.update(
                                stranger,
                                a.service(),
                                UpdateServiceRequest.builder().port(9999).build()));
        calls.put("Services.delete", () -> services.delete(stranger, a.service()));
        calls.put("Variables.set", () -> variables.set(stranger, a.service(), Map.of("X", "1")));
        calls.put(
                "Variables.unset",
                () -> variables.unset(stranger, a.service(), Set.of("DATABASE_URL")));
        calls.put("Variables.replace", () -> variables.replace(stranger, a.service(), Map.of()));
        calls.put(
                "Variables.change",
                () ->
                        variables.change(
                                stranger,
                                a.service(),
                                new VariableChange(
                                        Map.of("X", "1"), Set.of("DATABASE_URL"), false)));
        calls.put("Variables.names", () -> variables.names(stranger, a.service()));
        calls.put("Variables.reveal", () -> variables.reveal(stranger, a.service()));
        calls.put(
                "Deployments.record",
                () ->
                        deployments.record(
                                stranger, NewDeployment.api(service, fixtures.randomSha())));
        calls.put("Deployments.rollback", () -> deployments.rollback(stranger, a.deployment()));
        calls.put(
                "Deployments.rollbackTarget",
                () -> deployments.rollbackTarget(stranger, a.deployment()));
        calls.put("Deployments.redeploy", () -> deployments.redeploy(stranger, a.deployment()));
        calls.put(
                "Deployments.cancellable", () -> deployments.cancellable(stranger, a.deployment()));
        calls.put("Deployments.get", () -> deployments.get(stranger, a.deployment()));
        calls.put(
                "Deployments.recordCancellationRequest",
                () -> deployments.recordCancellationRequest(stranger, a.deployment()));
        calls.put("Deployments.list", () -> deployments.list(stranger, a.service(), page));
        calls.put("Deployments.count", () -> deployments.count(stranger, a.service()));
        calls.put("Deployments.latest", () -> deployments.latest(stranger, a.service()));
        calls.put("Deployments.events", () -> deployments.events(stranger, a.deployment(), 0, 10));
        calls.put(
                "Deployments.lastEvents",
                () -> deployments.lastEvents(stranger, a.deployment(), 10));
        calls.put(
                "Deployments.logLines",
                () -> deployments.logLines(stranger, a.deployment(), 0, 10));
        calls.put(
                "Deployments.ofService",
                () -> deployments.ofService(stranger, a.service(), a.deployment()));
        calls.put(
                "Deployments.lastLogLines",
                () ->
                        deployments.lastLogLines(
                                stranger, a.deployment(), Optional.empty(), Optional.empty(), 10));
        calls.put("ServiceLogs.read", () -> logs.read(stranger, a.service(), LogRequest.newest()));
        calls.put(
                "ServiceLogs.tail", () -> logs.tail(stranger, a.service(), Optional.empty(), null));
        calls.put(
                "ServiceLogs.lastLinesOf",
                () -> logs.lastLinesOf(stranger, a.service(), a.deployment(), 10));
        calls.put(
                "ServiceLogs.explainingFailureOf",
                () -> logs.explainingFailureOf(stranger, a.service(), 10));
        calls.put(
                "ServiceMetrics.read",
                () -> metrics.read(stranger, a.service(), Optional.empty(), Optional.empty()));
        calls.put(
                "RollbackTargets.of without a target",
                () -> rollbackTargets.of(stranger, a.service(), null));
        calls.put(
                "RollbackTargets.of with A's deployment",
                () -> rollbackTargets.of(stranger, a.service(), a.deployment()));
        calls.put(
                "CustomDomains.add", () -> domains.add(stranger, a.service(), "other.example.com"));
        calls.put("CustomDomains.get", () -> domains.get(stranger, a.domain()));
        calls.put("CustomDomains.list", () -> domains.list(stranger, a.service(), page));
        calls.put("CustomDomains.remove", () -> domains.remove(stranger, a.domain()));
        calls.put(
                "CustomDomains.requestVerification",
                () -> domains.requestVerification(stranger, a.domain()));
        calls.put("ApiKeys.revoke", () -> apiKeys.revoke(stranger, a.apiKey()));
        calls.put("Sessions.revoke", () -> sessions.revoke(stranger, a.session()));
        return calls;
    }

    /**
     * Caller-scoped methods that take no id of anyone's object: they act on the caller's own data
     * only, so there is nothing of another user's to name. Each says where its scoping is tested.
     */
    private static final Map<String, String> OWN_DATA_ONLY =
            Map.ofEntries(
                    Map.entry("Projects.create", "creates in the caller's account"),
                    Map.entry("Projects.createDefault", "creates in the caller's account"),
                    Map.entry("Projects.getDefault", "ProjectsTest"),
                    Map.entry("Projects.list", "batchAndListReadsShowOnlyTheCallersOwnObjects"),
                    Map.entry("Projects.count", "ProjectsTest"),
                    Map.entry("Users.get", "the caller's own user"),
                    Map.entry("ApiKeys.create", "creates in the caller's account"),
                    Map.entry("ApiKeys.list", "batchAndListReadsShowOnlyTheCallersOwnObjects"),
                    Map.entry("ApiKeys.count", "ApiKeysTest"),
                    Map.entry(
                            "GithubAccounts.find", "batchAndListReadsShowOnlyTheCallersOwnObjects"),
                    Map.entry("Sessions.revokeAll", "SessionsTest"),
                    Map.entry(
                            "OAuthGrants.issueCode",
                            "a code for the caller; clients are nobody's (OAuthGrantsTest)"),
                    Map.entry(
                            "Deployments.latestByService",
                            "batchAndListReadsShowOnlyTheCallersOwnObjects"),
                    Map.entry(
                            "CustomDomains.listByServices",
                            "batchAndListReadsShowOnlyTheCallersOwnObjects"),
                    Map.entry(
                            "Services.listByProjects",
                            "batchAndListReadsShowOnlyTheCallersOwnObjects"),
                    Map.entry(
                            "Deployments.eventsByDeployment",
                            "batchAndListReadsShowOnlyTheCallersOwnObjects"),
                    Map.entry(
                            "Deployments.listByServices",
                            "batchAndListReadsShowOnlyTheCallersOwnObjects"),
                    Map.entry(
                            "Deployments.countByServices",
                            "batchAndListReadsShowOnlyTheCallersOwnObjects"),
                    Map.entry(
                            "Services.countByProjects",
                            "batchAndListReadsShowOnlyTheCallersOwnObjects"),
                    Map.entry(
                            "InternalRepos.listByProjects",
                            "batchAndListReadsShowOnlyTheCallersOwnObjects"),
                    Map.entry(
                            "InternalRepos.countByProjects",
                            "batchAndListReadsShowOnlyTheCallersOwnObjects"));

    @Test
    void theMatrixCoversEveryPublicMethodThatTakesACaller() throws Exception {
        String none = UUID.randomUUID().toString();
        Owned nobodys = new Owned(none, none, none, none, none, none, none, UUID.randomUUID());
        Set<String> inTheMatrix = new TreeSet<>();
        callsOnTheOwnersObjects(nobodys, Caller.of("nobody"), none)
                .keySet()
                .forEach(key -> inTheMatrix.add(key.split(" ", 2)[0]));

        Set<String> takingACaller = callerScopedMethods();

        assertThat(takingACaller)
                .as(
                        "public methods taking a Caller that neither the matrix nor OWN_DATA_ONLY names")
                .allMatch(m -> inTheMatrix.contains(m) || OWN_DATA_ONLY.containsKey(m));
        assertThat(inTheMatrix).as("matrix entries of no such method").isSubsetOf(takingACaller);
        assertThat(OWN_DATA_ONLY.keySet())
                .as("OWN_DATA_ONLY entries of no such method")
                .isSubsetOf(takingACaller);
    }

    /**
     * {@code Class.method} of every public method in libs/platform with a {@link Caller} parameter.
     */
    private static Set<String> callerScopedMethods() throws IOException, ClassNotFoundException {
        Path classes =
                Path.of("target", "classes")
                        .resolve(Caller.class.getPackageName().replace('.', '/'))
                        .getParent();
        List<String> names;
        try (Stream<Path> files = Files.walk(classes)) {
            names =
                    files.map(classes.getParent()::relativize)
                            .map(Path::toString)
                            .filter(name -> name.endsWith(".class") && !name.contains("$"))
                            .map(name -> name.substring(0, name.length() - ".class".length()))
                            .map(name -> name.replace('/', '.'))
                            .toList();
        }
        Set<String> methods = new TreeSet<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (String name : names) {
            Class<?> type = Class.forName("ink.ml.deploy." + name, false, loader);
            for (Method method : type.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers())
                        && !method.isSynthetic()
                        && Arrays.asList(method.getParameterTypes()).contains(Caller.class)) {
                    methods.add(type.getSimpleName() + "." + method.getName());
                }
            }
        }
        return methods;
    }

    @Test
    void batchAndListReadsShowOnlyTheCallersOwnObjects() {
        Caller owner = users.newCaller();
        Owned a = createEverythingFor(owner);
        Caller stranger = users.newCaller();

        assertThat(deployments.latestByService(stranger, List.of(UUID.fromString(a.service()))))
                .isEmpty();
        assertThat(domains.listByServices(stranger, List.of(UUID.fromString(a.service()))))
                .isEmpty();
        assertThat(
                        services.listByProjects(
                                stranger,
                                List.of(UUID.fromString(a.project())),
                                PageRequest.firstPage()))
                .isEmpty();
        assertThat(
                        deployments.eventsByDeployment(
                                stranger, List.of(UUID.fromString(a.deployment())), 0, 10))
                .isEmpty();
        List<UUID> ownersService = List.of(UUID.fromString(a.service()));
        List<UUID> ownersProject = List.of(UUID.fromString(a.project()));
        assertThat(deployments.listByServices(stranger, ownersService, PageRequest.firstPage()))
                .isEmpty();
        assertThat(deployments.countByServices(stranger, ownersService)).isEmpty();
        assertThat(services.countByProjects(stranger, ownersProject)).isEmpty();
        assertThat(repos.listByProjects(stranger, ownersProject, PageRequest.firstPage()))
                .isEmpty();
        assertThat(repos.countByProjects(stranger, ownersProject)).isEmpty();
        assertThat(deployments.listByServices(owner, ownersService, PageRequest.firstPage()))
                .containsOnlyKeys(ownersService);
        assertThat(deployments.countByServices(owner, ownersService))
                .containsEntry(ownersService.get(0), 1L);
        assertThat(repos.countByProjects(owner, ownersProject))
                .containsEntry(ownersProject.get(0), 1L);
        assertThat(projects.list(stranger, PageRequest.firstPage()).items())
                .extracting(ProjectView::id)
                .doesNotContain(a.project());
        assertThat(apiKeys.list(stranger, PageRequest.firstPage()).items()).isEmpty();
        assertThat(githubAccounts.find(stranger)).isEmpty();
    }

    /** One digest per table of everything in it, so any insert, update or delete shows. */
    @SuppressWarnings("unchecked")
    private Map<String, String> tableFingerprints() {
        return QuarkusTransaction.requiringNew()
                .call(
                        () -> {
                            List<String> tables =
                                    entityManager
                                            .createNativeQuery(
                                                    "select table_name from information_schema.tables"
                                                            + " where table_schema = 'public'"
                                                            + " and table_type = 'BASE TABLE'"
                                                            + " and table_name <>"
                                                            + " 'flyway_schema_history'"
                                                            + " order by table_name")
                                            .getResultList();
                            Map<String, String> digests = new LinkedHashMap<>();
                            for (String table : tables) {
                                Object digest =
                                        entityManager
                                                .createNativeQuery(
                                                        "select coalesce(md5(string_agg(t::text,"
                                                                + " '|' order by t::text)), '')"
                                                                + " from "
                                                                + table
                                                                + " t")
                                                .getSingleResult();
                                digests.put(table, String.valueOf(digest));
                            }
                            return digests;
                        });
    }
}
