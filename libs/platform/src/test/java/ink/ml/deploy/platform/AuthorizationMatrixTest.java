package ink.ml.deploy.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ink.ml.deploy.platform.apikeys.ApiKeys;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.deployments.DeploymentFixtures;
import ink.ml.deploy.platform.deployments.DeploymentStep;
import ink.ml.deploy.platform.deployments.DeploymentView;
import ink.ml.deploy.platform.deployments.Deployments;
import ink.ml.deploy.platform.deployments.EventStatus;
import ink.ml.deploy.platform.deployments.NewDeployment;
import ink.ml.deploy.platform.domains.CustomDomains;
import ink.ml.deploy.platform.github.GithubAccounts;
import ink.ml.deploy.platform.pagination.PageRequest;
import ink.ml.deploy.platform.projects.ProjectView;
import ink.ml.deploy.platform.projects.Projects;
import ink.ml.deploy.platform.repos.InternalRepoView;
import ink.ml.deploy.platform.repos.InternalRepos;
import ink.ml.deploy.platform.services.CreateServiceRequest;
import ink.ml.deploy.platform.services.Services;
import ink.ml.deploy.platform.services.UpdateServiceRequest;
import ink.ml.deploy.platform.variables.Variables;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * User B calls every caller-scoped method of every application service with user A's ids. Each call
 * must fail with the same not-found error a missing id gets (so B cannot even learn that A's
 * objects exist), and afterwards every table holds exactly what it held before.
 */
@QuarkusTest
class AuthorizationMatrixTest {
    @Inject TestUsers users;
    @Inject Projects projects;
    @Inject Services services;
    @Inject Variables variables;
    @Inject Deployments deployments;
    @Inject DeploymentFixtures fixtures;
    @Inject CustomDomains domains;
    @Inject InternalRepos repos;
    @Inject ApiKeys apiKeys;
    @Inject GithubAccounts githubAccounts;
    @Inject EntityManager entityManager;

    /** What user A owns. */
    private record Owned(
            String project,
            String repo,
            String gitToken,
            String service,
            String deployment,
            String domain,
            String apiKey) {}

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
        deployments.appendEvent(deploymentId, DeploymentStep.ACTIVE, EventStatus.SUCCEEDED, "up");
        deployments.appendLogLines(deploymentId, 1, List.of("Step 1/2 : FROM scratch"));
        String domain = domains.add(owner, service, "shop-" + owner.id() + ".example.com").id();
        String apiKey = apiKeys.create(owner, "laptop").id();
        return new Owned(project.id(), repo.id(), token, service, deployment.id(), domain, apiKey);
    }

    @Test
    void anotherUserFindsNothingOfMineAndChangesNothing() {
        Caller owner = users.newCaller();
        Owned a = createEverythingFor(owner);
        Caller stranger = users.newCaller();
        String strangersProject = projects.getDefault(stranger).id();
        PageRequest page = PageRequest.firstPage();

        Map<String, Runnable> calls = new LinkedHashMap<>();
        calls.put("projects.get", () -> projects.get(stranger, a.project()));
        calls.put("projects.getByName", () -> projects.getByName(stranger, "shop"));
        calls.put("projects.delete", () -> projects.delete(stranger, a.project()));
        calls.put("repos.create", () -> repos.create(stranger, a.project(), "mine"));
        calls.put("repos.get", () -> repos.get(stranger, a.repo()));
        calls.put("repos.list", () -> repos.list(stranger, a.project(), page));
        calls.put(
                "repos.issueToken",
                () -> repos.issueToken(stranger, a.repo(), Duration.ofHours(1)));
        calls.put("repos.revokeToken", () -> repos.revokeToken(stranger, a.gitToken()));
        calls.put("repos.revocation", () -> repos.revocation(stranger, a.gitToken()));
        calls.put("repos.tokens", () -> repos.tokens(stranger, a.repo()));
        calls.put(
                "services.create in A's project",
                () ->
                        services.create(
                                stranger,
                                CreateServiceRequest.builder("api")
                                        .projectId(a.project())
                                        .githubRepo("acme/api")
                                        .build()));
        calls.put(
                "services.create from A's repo",
                () ->
                        services.create(
                                stranger,
                                CreateServiceRequest.builder("api")
                                        .projectId(strangersProject)
                                        .repoId(a.repo())
                                        .build()));
        calls.put("services.get", () -> services.get(stranger, a.service()));
        calls.put("services.list", () -> services.list(stranger, a.project(), page));
        calls.put(
                "services.update",
                () ->
                        services.update(
                                stranger,
                                a.service(),
                                UpdateServiceRequest.builder().port(9999).build()));
        calls.put("services.delete", () -> services.delete(stranger, a.service()));
        calls.put("variables.set", () -> variables.set(stranger, a.service(), Map.of("X", "1")));
        calls.put(
                "variables.unset",
                () -> variables.unset(stranger, a.service(), Set.of("DATABASE_URL")));
        calls.put("variables.replace", () -> variables.replace(stranger, a.service(), Map.of()));
        calls.put("variables.names", () -> variables.names(stranger, a.service()));
        calls.put("variables.reveal", () -> variables.reveal(stranger, a.service()));
        calls.put(
                "deployments.record",
                () ->
                        deployments.record(
                                stranger,
                                NewDeployment.api(
                                        UUID.fromString(a.service()), fixtures.randomSha())));
        calls.put("deployments.rollback", () -> deployments.rollback(stranger, a.deployment()));
        calls.put("deployments.get", () -> deployments.get(stranger, a.deployment()));
        calls.put(
                "deployments.recordCancellationRequest",
                () -> deployments.recordCancellationRequest(stranger, a.deployment()));
        calls.put("deployments.list", () -> deployments.list(stranger, a.service(), page));
        calls.put("deployments.latest", () -> deployments.latest(stranger, a.service()));
        calls.put("deployments.events", () -> deployments.events(stranger, a.deployment(), 0, 10));
        calls.put(
                "deployments.logLines",
                () -> deployments.logLines(stranger, a.deployment(), 0, 10));
        calls.put("domains.add", () -> domains.add(stranger, a.service(), "other.example.com"));
        calls.put("domains.get", () -> domains.get(stranger, a.domain()));
        calls.put("domains.list", () -> domains.list(stranger, a.service(), page));
        calls.put("domains.remove", () -> domains.remove(stranger, a.domain()));
        calls.put("apiKeys.revoke", () -> apiKeys.revoke(stranger, a.apiKey()));

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

    @Test
    void batchAndListReadsShowOnlyTheCallersOwnObjects() {
        Caller owner = users.newCaller();
        Owned a = createEverythingFor(owner);
        Caller stranger = users.newCaller();

        assertThat(deployments.latestByService(stranger, List.of(UUID.fromString(a.service()))))
                .isEmpty();
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
