package ink.ml.deploy.platform.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.platform.TestUsers;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.common.Ids;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.common.Timestamps;
import ink.ml.deploy.platform.pagination.Page;
import ink.ml.deploy.platform.pagination.PageRequest;
import ink.ml.deploy.platform.projects.ProjectView;
import ink.ml.deploy.platform.projects.Projects;
import ink.ml.deploy.platform.repos.InternalRepo;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class ServicesTest {
    @Inject Services services;
    @Inject Projects projects;
    @Inject TestUsers users;
    @Inject EntityManager entityManager;

    @Test
    void createsAServiceFromAGitHubRepoWithEveryDefault() {
        Caller caller = users.newCaller();
        ProjectView project = projects.getDefault(caller);

        ServiceView web = services.create(caller, github("web", "octo-cat/Hello.World"));

        assertThat(web.projectId()).isEqualTo(project.id());
        assertThat(web.name()).isEqualTo("web");
        assertThat(web.sourceKind()).isEqualTo("github");
        assertThat(web.githubRepo()).isEqualTo("octo-cat/Hello.World");
        assertThat(web.internalRepoId()).isNull();
        assertThat(web.internalRepoName()).isNull();
        assertThat(web.branch()).isEqualTo("main");
        assertThat(web.rootDirectory()).isEmpty();
        assertThat(web.dockerfilePath()).isEqualTo("Dockerfile");
        assertThat(web.buildStrategy()).isEqualTo("auto");
        assertThat(web.installCommand()).isNull();
        assertThat(web.buildCommand()).isNull();
        assertThat(web.startCommand()).isNull();
        assertThat(web.port()).isEqualTo(8080);
        assertThat(web.memoryMi()).isEqualTo(512);
        assertThat(web.milliCpu()).isEqualTo(500);
        assertThat(web.vcpu()).isEqualTo("0.5");
        assertThat(web.hostname()).isEqualTo("web-default-" + caller.id() + ".ml.ink");
        assertThat(web.url()).isEqualTo("https://web-default-" + caller.id() + ".ml.ink");
        assertThat(web.cnameTarget()).isEqualTo("web-default-" + caller.id() + ".cname.ml.ink");
        assertThat(web.variableNames()).isEmpty();
        assertThat(web.createdAt()).isEqualTo(web.updatedAt());
        assertThat(services.get(caller, web.id())).isEqualTo(web);
        assertThat(hostLabelOf(web.id())).isEqualTo("web-default-" + caller.id());
    }

    @Test
    void createsAServiceFromAnInternalRepoOfTheSameProjectWithEverySetting() {
        Caller caller = users.newCaller();
        ProjectView shop = projects.create(caller, "shop");
        InternalRepo repo = internalRepo(shop, "shop-code");

        ServiceView api =
                services.create(
                        caller,
                        CreateServiceRequest.builder("api")
                                .projectId(shop.id())
                                .repoId(repo.id.toString())
                                .branch("release/1.2")
                                .rootDirectory("apps/api")
                                .dockerfilePath("docker/Dockerfile.prod")
                                .buildStrategy("dockerfile")
                                .port(3000)
                                .memoryMi(2048)
                                .vcpu("2")
                                .env(Map.of("TOKEN", "t0ps3cret", "DATABASE_URL", "postgres://x"))
                                .build());

        assertThat(api.projectId()).isEqualTo(shop.id());
        assertThat(api.sourceKind()).isEqualTo("internal");
        assertThat(api.internalRepoId()).isEqualTo(repo.id.toString());
        assertThat(api.internalRepoName()).isEqualTo("shop-code");
        assertThat(api.githubRepo()).isNull();
        assertThat(api.branch()).isEqualTo("release/1.2");
        assertThat(api.rootDirectory()).isEqualTo("apps/api");
        assertThat(api.dockerfilePath()).isEqualTo("docker/Dockerfile.prod");
        assertThat(api.port()).isEqualTo(3000);
        assertThat(api.memoryMi()).isEqualTo(2048);
        assertThat(api.milliCpu()).isEqualTo(2000);
        assertThat(api.vcpu()).isEqualTo("2");
        assertThat(api.hostname()).isEqualTo("api-shop-" + caller.id() + ".ml.ink");
        assertThat(api.variableNames()).containsExactly("DATABASE_URL", "TOKEN");
        assertThat(services.get(caller, api.id())).isEqualTo(api);
    }

    @Test
    void anInternalRepoOfAnotherProjectOrUserIsNotFound() {
        Caller caller = users.newCaller();
        ProjectView shop = projects.create(caller, "shop");
        InternalRepo otherProjectsRepo = internalRepo(projects.create(caller, "blog"), "blog");
        Caller stranger = users.newCaller();
        InternalRepo strangersRepo = internalRepo(projects.getDefault(stranger), "code");

        for (InternalRepo repo : List.of(otherProjectsRepo, strangersRepo)) {
            assertThatThrownBy(
                            () ->
                                    services.create(
                                            caller,
                                            CreateServiceRequest.builder("web")
                                                    .projectId(shop.id())
                                                    .repoId(repo.id.toString())
                                                    .build()))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessage("repo " + repo.id + " not found");
        }
        assertThat(services.list(caller, shop.id(), PageRequest.firstPage()).items()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://github.com/a/b",
                "git@github.com:a/b",
                "github.com/a/b",
                "a/b/c",
                "../x",
                "a/..",
                "a b/c",
                "-a/b"
            })
    void refusesRepoReferencesThatAreNotOwnerSlashName(String reference) {
        Caller caller = users.newCaller();

        assertRefused(() -> services.create(caller, github("web", reference)), "githubRepo");
        assertThat(listDefault(caller)).isEmpty();
    }

    @Test
    void refusesUrlsWithAMessageThatSaysWhatToGive() {
        Caller caller = users.newCaller();
        assertThatThrownBy(() -> services.create(caller, github("web", "https://github.com/a/b")))
                .hasMessageStartingWith(
                        "githubRepo: repo references cannot be URLs: give owner/name");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "rootDirectory  | /etc",
                "rootDirectory  | ../x",
                "rootDirectory  | a/../../b",
                "rootDirectory  | a\\b",
                "rootDirectory  | a//b",
                "rootDirectory  | apps/",
                "dockerfilePath | /etc/passwd",
                "dockerfilePath | ../x",
                "dockerfilePath | a/../../b",
                "dockerfilePath | a\\b",
                "dockerfilePath | ./Dockerfile",
                "dockerfilePath | ''"
            })
    void refusesPathsThatCouldLeaveTheRepositoryNamingTheField(String field, String path) {
        Caller caller = users.newCaller();
        CreateServiceRequest.Builder request =
                CreateServiceRequest.builder("web").githubRepo("a/b");
        if (field.equals("rootDirectory")) {
            request.rootDirectory(path);
        } else {
            request.dockerfilePath(path);
        }

        assertRefused(() -> services.create(caller, request.build()), field);
        assertThat(listDefault(caller)).isEmpty();
    }

    @Test
    void refusesNulInPaths() {
        Caller caller = users.newCaller();
        assertThatThrownBy(
                        () ->
                                services.create(
                                        caller,
                                        CreateServiceRequest.builder("web")
                                                .githubRepo("a/b")
                                                .dockerfilePath("a\u0000b")
                                                .build()))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("dockerfilePath: must not contain NUL characters (got \"a\\u0000b\")");
        assertThatThrownBy(
                        () ->
                                services.create(
                                        caller,
                                        CreateServiceRequest.builder("web")
                                                .githubRepo("a/b")
                                                .rootDirectory("a\u0000b")
                                                .build()))
                .hasMessageStartingWith("rootDirectory: must not contain NUL characters");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "a..b",
                "-x",
                "a b",
                "a~1",
                "a:b",
                "feature/",
                "x.lock",
                "refs/heads/main"
            })
    void refusesBadBranchNames(String branch) {
        Caller caller = users.newCaller();
        assertRefused(
                () ->
                        services.create(
                                caller,
                                CreateServiceRequest.builder("web")
                                        .githubRepo("a/b")
                                        .branch(branch)
                                        .build()),
                "branch");
    }

    @Test
    void refusesMemoryCpuPortAndStrategyOutsideTheirChoices() {
        Caller caller = users.newCaller();
        assertRefused(() -> services.create(caller, githubWith(b -> b.memoryMi(300))), "memory");
        assertRefused(() -> services.create(caller, githubWith(b -> b.memoryMi(8192))), "memory");
        assertRefused(() -> services.create(caller, githubWith(b -> b.vcpu("0.25"))), "vcpu");
        assertRefused(() -> services.create(caller, githubWith(b -> b.vcpu("8"))), "vcpu");
        assertRefused(() -> services.create(caller, githubWith(b -> b.vcpu("half"))), "vcpu");
        assertRefused(() -> services.create(caller, githubWith(b -> b.port(0))), "port");
        assertRefused(() -> services.create(caller, githubWith(b -> b.port(65536))), "port");
        assertThatThrownBy(
                        () -> services.create(caller, githubWith(b -> b.buildStrategy("nixpacks"))))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage(
                        "build: must be one of auto, dockerfile, node, python, go, static, java"
                                + " (got \"nixpacks\")");
        assertThat(listDefault(caller)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"auto", "dockerfile", "node", "python", "go", "static", "java"})
    void acceptsEveryBuildStrategy(String strategy) {
        Caller caller = users.newCaller();
        ServiceView web = services.create(caller, githubWith(b -> b.buildStrategy(strategy)));
        assertThat(web.buildStrategy()).isEqualTo(strategy);
        assertThat(services.get(caller, web.id()).buildStrategy()).isEqualTo(strategy);
    }

    @Test
    void storesTrimmedBuildCommandsAndTreatsBlankOnesAsDetected() {
        Caller caller = users.newCaller();
        ServiceView web =
                services.create(
                        caller,
                        githubWith(
                                b ->
                                        b.buildStrategy("node")
                                                .rootDirectory("apps/web")
                                                .installCommand("  npm ci  ")
                                                .buildCommand("npm run build && npm prune")
                                                .startCommand("   ")));

        assertThat(web.rootDirectory()).isEqualTo("apps/web");
        assertThat(web.installCommand()).isEqualTo("npm ci");
        assertThat(web.buildCommand()).isEqualTo("npm run build && npm prune");
        assertThat(web.startCommand()).isNull();
        assertThat(services.get(caller, web.id())).isEqualTo(web);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "installCommand | npm ci\\nrm -rf /",
                "buildCommand   | npm run build\\rnpm test",
                "startCommand   | node\\u0000server.js",
                "startCommand   | node\\tserver.js"
            })
    void refusesBuildCommandsThatAreNotOneLineNamingTheField(String field, String escaped) {
        Caller caller = users.newCaller();
        String command = unescape(escaped);
        Consumer<CreateServiceRequest.Builder> setting =
                switch (field) {
                    case "installCommand" -> b -> b.installCommand(command);
                    case "buildCommand" -> b -> b.buildCommand(command);
                    default -> b -> b.startCommand(command);
                };

        assertRefused(() -> services.create(caller, githubWith(setting)), field);
        assertThat(listDefault(caller)).isEmpty();
    }

    @Test
    void refusesABuildCommandLongerThanTheLimit() {
        Caller caller = users.newCaller();
        assertThatThrownBy(
                        () ->
                                services.create(
                                        caller, githubWith(b -> b.startCommand("x".repeat(1001)))))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("startCommand: must be at most 1000 characters (got 1001)");
        assertThat(
                        services.create(caller, githubWith(b -> b.startCommand("x".repeat(1000))))
                                .startCommand())
                .hasSize(1000);
    }

    @Test
    void updateChangesBuildSettingsAndAnEmptyCommandClearsIt() {
        Caller caller = users.newCaller();
        ServiceView web =
                services.create(
                        caller,
                        githubWith(b -> b.installCommand("npm ci").startCommand("node a.js")));

        ServiceView python =
                services.update(
                        caller,
                        web.id(),
                        UpdateServiceRequest.builder()
                                .buildStrategy("python")
                                .rootDirectory("api")
                                .startCommand(" gunicorn app:app ")
                                .installCommand("")
                                .build());

        assertThat(python.buildStrategy()).isEqualTo("python");
        assertThat(python.rootDirectory()).isEqualTo("api");
        assertThat(python.startCommand()).isEqualTo("gunicorn app:app");
        assertThat(python.installCommand()).isNull();
        assertThat(python.buildCommand()).isNull();
        assertThat(services.get(caller, web.id())).isEqualTo(python);
    }

    @Test
    void aRefusedBuildSettingInAnUpdateChangesNothing() {
        Caller caller = users.newCaller();
        ServiceView web = services.create(caller, githubWith(b -> b.startCommand("node a.js")));

        assertRefused(
                () ->
                        services.update(
                                caller,
                                web.id(),
                                UpdateServiceRequest.builder()
                                        .port(9000)
                                        .buildStrategy("go")
                                        .startCommand("./app\n./other")
                                        .build()),
                "startCommand");
        assertRefused(
                () ->
                        services.update(
                                caller,
                                web.id(),
                                UpdateServiceRequest.builder()
                                        .startCommand("./app")
                                        .buildStrategy("rust")
                                        .build()),
                "build");
        assertThat(services.get(caller, web.id())).isEqualTo(web);
    }

    @Test
    void theDatabaseRefusesACommandWithALineBreak() {
        Caller caller = users.newCaller();
        ServiceView web = services.create(caller, github("web", "a/b"));
        assertThatThrownBy(
                        () ->
                                QuarkusTransaction.requiringNew()
                                        .run(
                                                () ->
                                                        entityManager
                                                                .createNativeQuery(
                                                                        "update services set"
                                                                                + " start_command ="
                                                                                + " E'a\\nb'"
                                                                                + " where id = :id")
                                                                .setParameter(
                                                                        "id",
                                                                        UUID.fromString(web.id()))
                                                                .executeUpdate()))
                .hasStackTraceContaining("services_start_command_one_line");
    }

    private static String unescape(String escaped) {
        return escaped.replace("\\n", "\n")
                .replace("\\r", "\r")
                .replace("\\t", "\t")
                .replace("\\u0000", "\u0000");
    }

    @Test
    void acceptsEveryPlanChoice() {
        Caller caller = users.newCaller();
        ServiceView big = services.create(caller, githubWith(b -> b.memoryMi(4096).vcpu("4.0")));
        assertThat(big.memoryMi()).isEqualTo(4096);
        assertThat(big.vcpu()).isEqualTo("4");
    }

    @Test
    void needsExactlyOneSource() {
        Caller caller = users.newCaller();
        assertRefused(
                () -> services.create(caller, CreateServiceRequest.builder("web").build()),
                "source");
        InternalRepo repo = internalRepo(projects.getDefault(caller), "code");
        assertThatThrownBy(
                        () ->
                                services.create(
                                        caller,
                                        CreateServiceRequest.builder("web")
                                                .repoId(repo.id.toString())
                                                .githubRepo("a/b")
                                                .build()))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("source: give either repoId");
        assertRefused(
                () ->
                        services.create(
                                caller,
                                CreateServiceRequest.builder("web").repoId("not-an-id").build()),
                "repoId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Web", "1web", "web_1", "wwwwwwwwwwwwwwwwwwwwwwwww"})
    void refusesServiceNamesThatAreNotDnsLabels(String name) {
        Caller caller = users.newCaller();
        assertRefused(() -> services.create(caller, github(name, "a/b")), "service");
    }

    @Test
    void refusesASecondLiveServiceWithTheSameNameInAProject() {
        Caller caller = users.newCaller();
        services.create(caller, github("web", "a/b"));

        assertThatThrownBy(() -> services.create(caller, github("web", "c/d")))
                .isInstanceOf(ConflictException.class)
                .hasMessage("name: a service named web already exists in project default")
                .satisfies(e -> assertThat(((ConflictException) e).field()).isEqualTo("name"));

        ProjectView other = projects.create(caller, "other");
        assertThat(
                        services.create(
                                        caller,
                                        CreateServiceRequest.builder("web")
                                                .projectId(other.id())
                                                .githubRepo("a/b")
                                                .build())
                                .hostname())
                .isEqualTo("web-other-" + caller.id() + ".ml.ink");
    }

    @Test
    void refusesAServiceWhoseHostnameAnotherServiceAlreadyHas() {
        Caller caller = users.newCaller();
        ProjectView ab = projects.create(caller, "a-b");
        ProjectView b = projects.create(caller, "b");
        ServiceView first =
                services.create(
                        caller,
                        CreateServiceRequest.builder("web")
                                .projectId(ab.id())
                                .githubRepo("a/b")
                                .build());

        assertThatThrownBy(
                        () ->
                                services.create(
                                        caller,
                                        CreateServiceRequest.builder("web-a")
                                                .projectId(b.id())
                                                .githubRepo("a/b")
                                                .build()))
                .isInstanceOf(ConflictException.class)
                .hasMessageStartingWith(
                        "name: the hostname " + first.hostname() + " is already used");
    }

    @Test
    void twoCreatesRacingForOneNameLeaveExactlyOneService() throws Exception {
        Caller caller = users.newCaller();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            AtomicReference<Future<ServiceView>> second = new AtomicReference<>();
            QuarkusTransaction.requiringNew()
                    .run(
                            () -> {
                                services.create(caller, github("web", "a/b"));
                                // The second create cannot see the uncommitted first one, passes
                                // the check and waits on the unique index until this commits.
                                second.set(
                                        pool.submit(
                                                () ->
                                                        services.create(
                                                                caller, github("web", "c/d"))));
                                awaitABackendWaitingForALock();
                            });

            assertThatThrownBy(() -> second.get().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(ConflictException.class)
                    .hasMessageStartingWith("name: ");
            assertThat(listDefault(caller))
                    .singleElement()
                    .satisfies(s -> assertThat(s.githubRepo()).isEqualTo("a/b"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theDatabaseRefusesTwoLiveServicesWithTheSameName() {
        Caller caller = users.newCaller();
        ServiceView web = services.create(caller, github("web", "a/b"));

        assertThatThrownBy(
                        () ->
                                QuarkusTransaction.requiringNew()
                                        .run(
                                                () ->
                                                        entityManager
                                                                .createNativeQuery(
                                                                        "insert into services (id,"
                                                                                + " project_id, name,"
                                                                                + " host_label,"
                                                                                + " source_kind,"
                                                                                + " github_repo, branch,"
                                                                                + " port, memory_mi,"
                                                                                + " milli_cpu) select"
                                                                                + " ?1, project_id, name,"
                                                                                + " 'other-label',"
                                                                                + " 'github', 'a/b',"
                                                                                + " 'main', 8080, 512,"
                                                                                + " 500 from services"
                                                                                + " where id = ?2")
                                                                .setParameter(1, UUID.randomUUID())
                                                                .setParameter(
                                                                        2,
                                                                        UUID.fromString(web.id()))
                                                                .executeUpdate()))
                .hasStackTraceContaining("services_live_name");
    }

    @Test
    void updateChangesOnlyTheGivenFields() {
        Caller caller = users.newCaller();
        ServiceView before =
                services.create(
                        caller,
                        githubWith(
                                b ->
                                        b.branch("dev")
                                                .rootDirectory("app")
                                                .memoryMi(1024)
                                                .env(Map.of("A", "1"))));

        ServiceView after =
                services.update(
                        caller,
                        before.id(),
                        UpdateServiceRequest.builder().port(9000).vcpu("1").build());

        assertThat(after.port()).isEqualTo(9000);
        assertThat(after.milliCpu()).isEqualTo(1000);
        assertThat(after.memoryMi()).isEqualTo(1024);
        assertThat(after.updatedAt()).isAfterOrEqualTo(before.updatedAt());
        assertThat(after)
                .usingRecursiveComparison()
                .ignoringFields("port", "milliCpu", "vcpu", "updatedAt")
                .isEqualTo(before);
        assertThat(services.get(caller, before.id())).isEqualTo(after);
    }

    @Test
    void updateSwitchesTheSourceAndChecksEveryFieldLikeCreate() {
        Caller caller = users.newCaller();
        ProjectView project = projects.getDefault(caller);
        ServiceView web = services.create(caller, github("web", "a/b"));
        InternalRepo repo = internalRepo(project, "code");

        ServiceView internal =
                services.update(
                        caller,
                        web.id(),
                        UpdateServiceRequest.builder().repoId(repo.id.toString()).build());
        assertThat(internal.sourceKind()).isEqualTo("internal");
        assertThat(internal.internalRepoName()).isEqualTo("code");
        assertThat(internal.githubRepo()).isNull();

        assertRefused(
                () ->
                        services.update(
                                caller,
                                web.id(),
                                UpdateServiceRequest.builder()
                                        .port(9000)
                                        .rootDirectory("../x")
                                        .build()),
                "rootDirectory");
        assertRefused(
                () ->
                        services.update(
                                caller,
                                web.id(),
                                UpdateServiceRequest.builder()
                                        .githubRepo("git@github.com:a/b")
                                        .build()),
                "githubRepo");
        assertRefused(
                () ->
                        services.update(
                                caller,
                                web.id(),
                                UpdateServiceRequest.builder().memoryMi(100).build()),
                "memory");
        assertRefused(
                () ->
                        services.update(
                                caller,
                                web.id(),
                                UpdateServiceRequest.builder().branch("a..b").build()),
                "branch");
        assertThat(services.get(caller, web.id())).isEqualTo(internal);

        Caller stranger = users.newCaller();
        InternalRepo strangersRepo = internalRepo(projects.getDefault(stranger), "code");
        assertThatThrownBy(
                        () ->
                                services.update(
                                        caller,
                                        web.id(),
                                        UpdateServiceRequest.builder()
                                                .repoId(strangersRepo.id.toString())
                                                .build()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void theNameCannotBeChanged() {
        Caller caller = users.newCaller();
        ServiceView web = services.create(caller, github("web", "a/b"));

        assertThatThrownBy(
                        () ->
                                services.update(
                                        caller,
                                        web.id(),
                                        UpdateServiceRequest.builder().name("api").build()))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("name: cannot be changed: it names the service's resources")
                .hasMessageContaining(web.hostname());
        assertThat(
                        services.update(
                                        caller,
                                        web.id(),
                                        UpdateServiceRequest.builder().name("web").port(81).build())
                                .port())
                .isEqualTo(81);
    }

    @Test
    void deleteHidesTheServiceFreesItsNameAndErasesItsVariables() {
        Caller caller = users.newCaller();
        ServiceView web = services.create(caller, githubWith(b -> b.env(Map.of("SECRET", "s"))));

        services.delete(caller, web.id());

        assertThatThrownBy(() -> services.get(caller, web.id()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("service " + web.id() + " not found");
        assertThatThrownBy(() -> services.delete(caller, web.id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(
                        () ->
                                services.update(
                                        caller,
                                        web.id(),
                                        UpdateServiceRequest.builder().port(1).build()))
                .isInstanceOf(NotFoundException.class);
        assertThat(listDefault(caller)).isEmpty();
        assertThat(variableRows(web.id())).isZero();
        assertThat(deletedAt(web.id())).isNotNull();

        ServiceView again = services.create(caller, github("web", "c/d"));
        assertThat(again.id()).isNotEqualTo(web.id());
        assertThat(again.hostname()).isEqualTo(web.hostname());
        assertThat(listDefault(caller)).extracting(ServiceView::id).containsExactly(again.id());
    }

    @Test
    void pagesThroughEveryServiceOnceEvenWhenServicesAreAddedMeanwhile() {
        Caller caller = users.newCaller();
        String projectId = projects.getDefault(caller).id();
        for (int i = 0; i < 7; i++) {
            services.create(caller, github("s" + i, "a/b"));
        }
        List<String> seen = new ArrayList<>();
        Page<ServiceView> page = services.list(caller, projectId, PageRequest.of(3, null));
        seen.addAll(page.items().stream().map(ServiceView::name).toList());
        services.create(caller, github("late", "a/b"));
        services.delete(caller, page.items().get(0).id());
        while (page.hasNextPage()) {
            page =
                    services.list(
                            caller, projectId, PageRequest.of(3, page.endCursor().orElseThrow()));
            seen.addAll(page.items().stream().map(ServiceView::name).toList());
        }

        assertThat(seen).containsExactly("s0", "s1", "s2", "s3", "s4", "s5", "s6", "late");
    }

    @Test
    void listsOnlyTheProjectsServicesWithTheirVariableNames() {
        Caller caller = users.newCaller();
        ProjectView shop = projects.create(caller, "shop");
        InternalRepo repo = internalRepo(shop, "code");
        services.create(caller, github("elsewhere", "a/b"));
        services.create(
                caller,
                CreateServiceRequest.builder("api")
                        .projectId(shop.id())
                        .repoId(repo.id.toString())
                        .env(Map.of("B", "2", "A", "1"))
                        .build());
        services.create(
                caller,
                CreateServiceRequest.builder("web").projectId(shop.id()).githubRepo("a/b").build());

        List<ServiceView> listed =
                services.list(caller, shop.id(), PageRequest.firstPage()).items();

        assertThat(listed).extracting(ServiceView::name).containsExactly("api", "web");
        assertThat(listed.get(0).variableNames()).containsExactly("A", "B");
        assertThat(listed.get(0).internalRepoName()).isEqualTo("code");
        assertThat(listed.get(1).variableNames()).isEmpty();
        assertThat(listed.get(0)).isEqualTo(services.get(caller, listed.get(0).id()));
    }

    @Test
    void listByProjectsGivesEachOfTheCallersProjectsTheSamePageAsList() {
        Caller caller = users.newCaller();
        Caller stranger = users.newCaller();
        String home = projects.getDefault(caller).id();
        ProjectView shop = projects.create(caller, "shop");
        ProjectView empty = projects.create(caller, "empty");
        String theirs = projects.getDefault(stranger).id();
        for (int i = 0; i < 3; i++) {
            services.create(caller, github("h" + i, "a/b"));
            services.create(
                    caller,
                    CreateServiceRequest.builder("s" + i)
                            .projectId(shop.id())
                            .githubRepo("a/b")
                            .env(Map.of("KEY" + i, "v"))
                            .build());
        }
        services.create(stranger, github("web", "a/b"));
        PageRequest firstTwo = PageRequest.of(2, null);
        List<UUID> ids =
                List.of(home, shop.id(), empty.id(), theirs, home).stream()
                        .map(UUID::fromString)
                        .toList();

        Map<UUID, Page<ServiceView>> pages = services.listByProjects(caller, ids, firstTwo);

        assertThat(pages.keySet())
                .containsExactlyInAnyOrder(
                        UUID.fromString(home),
                        UUID.fromString(shop.id()),
                        UUID.fromString(empty.id()));
        assertThat(pages.get(UUID.fromString(home)))
                .isEqualTo(services.list(caller, home, firstTwo));
        Page<ServiceView> shopPage = pages.get(UUID.fromString(shop.id()));
        assertThat(shopPage).isEqualTo(services.list(caller, shop.id(), firstTwo));
        assertThat(shopPage.items()).extracting(ServiceView::name).containsExactly("s0", "s1");
        assertThat(shopPage.items().get(1).variableNames()).containsExactly("KEY1");
        assertThat(shopPage.hasNextPage()).isTrue();
        assertThat(pages.get(UUID.fromString(empty.id())).items()).isEmpty();
        PageRequest rest = PageRequest.of(2, shopPage.endCursor().orElseThrow());
        assertThat(
                        services.listByProjects(caller, List.of(UUID.fromString(shop.id())), rest)
                                .get(UUID.fromString(shop.id()))
                                .items())
                .extracting(ServiceView::name)
                .containsExactly("s2");
        assertThat(services.listByProjects(caller, List.of(), firstTwo)).isEmpty();
    }

    @Test
    void anotherUsersServiceIsNotFoundAndStaysUnchanged() {
        Caller owner = users.newCaller();
        Caller stranger = users.newCaller();
        ServiceView web = services.create(owner, github("web", "a/b"));
        String ownersProject = web.projectId();

        assertThatThrownBy(() -> services.get(stranger, web.id()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("service " + web.id() + " not found");
        assertThatThrownBy(
                        () ->
                                services.update(
                                        stranger,
                                        web.id(),
                                        UpdateServiceRequest.builder().port(1).build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("service " + web.id() + " not found");
        assertThatThrownBy(() -> services.delete(stranger, web.id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> services.list(stranger, ownersProject, PageRequest.firstPage()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("project " + ownersProject + " not found");
        assertThatThrownBy(
                        () ->
                                services.create(
                                        stranger,
                                        CreateServiceRequest.builder("web")
                                                .projectId(ownersProject)
                                                .githubRepo("a/b")
                                                .build()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(
                        () ->
                                QuarkusTransaction.requiringNew()
                                        .run(
                                                () ->
                                                        services.owned(
                                                                stranger,
                                                                UUID.fromString(web.id()))))
                .isInstanceOf(NotFoundException.class);

        assertThat(services.get(owner, web.id())).isEqualTo(web);
        assertThat(services.list(owner, ownersProject, PageRequest.firstPage()).items())
                .containsExactly(web);
    }

    @Test
    void viewNamesVariablesButNeverShowsTheirValues() {
        Caller caller = users.newCaller();
        ServiceView web =
                services.create(
                        caller, githubWith(b -> b.env(Map.of("API_KEY", "sk-live-do-not-show"))));

        assertThat(web.variableNames()).containsExactly("API_KEY");
        assertThat(web.toString()).doesNotContain("sk-live-do-not-show");
        assertThat(services.get(caller, web.id()).toString()).doesNotContain("sk-live-do-not-show");
        assertThat(
                        CreateServiceRequest.builder("web")
                                .env(Map.of("K", "sk-live-do-not-show"))
                                .build()
                                .toString())
                .contains("K")
                .doesNotContain("sk-live-do-not-show");
    }

    @Test
    void aRefusedInitialVariableLeavesNoServiceBehind() {
        Caller caller = users.newCaller();

        assertRefused(
                () ->
                        services.create(
                                caller, githubWith(b -> b.env(Map.of("GOOD", "1", "1BAD", "2")))),
                "env");
        assertRefused(
                () ->
                        services.create(
                                caller,
                                githubWith(b -> b.env(Map.of("BIG", "x".repeat(64 * 1024 + 1))))),
                "env");

        assertThat(listDefault(caller)).isEmpty();
        assertThat(services.create(caller, github("web", "a/b")).name()).isEqualTo("web");
    }

    private static CreateServiceRequest github(String name, String repo) {
        return CreateServiceRequest.builder(name).githubRepo(repo).build();
    }

    private static CreateServiceRequest githubWith(
            Consumer<CreateServiceRequest.Builder> settings) {
        CreateServiceRequest.Builder builder =
                CreateServiceRequest.builder("web").githubRepo("a/b");
        settings.accept(builder);
        return builder.build();
    }

    private static void assertRefused(ThrowingCallable call, String field) {
        assertThatThrownBy(call)
                .isInstanceOf(InvalidValueException.class)
                .satisfies(
                        e -> {
                            InvalidValueException invalid = (InvalidValueException) e;
                            assertThat(invalid.field()).isEqualTo(field);
                            assertThat(invalid.getMessage()).startsWith(field + ": ");
                        });
    }

    @Test
    void aGitServerPushFindsTheServicesTrackingThatRepositoryPathAndBranch() {
        Caller caller = users.newCaller();
        Caller other = users.newCaller();
        ProjectView project = projects.getDefault(caller);
        ProjectView shop = projects.create(caller, "shop");
        InternalRepo code = internalRepo(project, "code");
        InternalRepo sameNameElsewhere = internalRepo(shop, "code");
        InternalRepo othersCode = internalRepo(projects.getDefault(other), "code");
        ServiceView web =
                services.create(
                        caller,
                        CreateServiceRequest.builder("web").repoId(code.id.toString()).build());
        ServiceView api =
                services.create(
                        caller,
                        CreateServiceRequest.builder("api").repoId(code.id.toString()).build());
        services.create(
                caller,
                CreateServiceRequest.builder("staging")
                        .repoId(code.id.toString())
                        .branch("staging")
                        .build());
        services.create(
                caller,
                CreateServiceRequest.builder("shopweb")
                        .projectId(shop.id())
                        .repoId(sameNameElsewhere.id.toString())
                        .build());
        services.create(
                other,
                CreateServiceRequest.builder("web").repoId(othersCode.id.toString()).build());

        List<UUID> tracking =
                services.trackingServices(
                        Service.SOURCE_INTERNAL, caller.id() + "/default/code", "main");

        assertThat(tracking).containsExactly(UUID.fromString(web.id()), UUID.fromString(api.id()));
        assertThatThrownBy(
                        () ->
                                services.trackingServices(
                                        Service.SOURCE_INTERNAL, code.id.toString(), "main"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("repoPath: ");
    }

    private List<ServiceView> listDefault(Caller caller) {
        return services.list(caller, projects.getDefault(caller).id(), PageRequest.firstPage())
                .items();
    }

    /**
     * An internal repo row, written directly: the InternalRepos bean is not what this test is
     * about, and Services only reads the entity.
     */
    private InternalRepo internalRepo(ProjectView project, String name) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () -> {
                            InternalRepo repo = new InternalRepo();
                            repo.id = Ids.random();
                            repo.projectId = UUID.fromString(project.id());
                            repo.name = name;
                            repo.createdAt = Timestamps.now();
                            repo.persist();
                            return repo;
                        });
    }

    private String hostLabelOf(String serviceId) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () ->
                                (String)
                                        entityManager
                                                .createNativeQuery(
                                                        "select host_label from services where id = ?1")
                                                .setParameter(1, UUID.fromString(serviceId))
                                                .getSingleResult());
    }

    private long variableRows(String serviceId) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () ->
                                ((Number)
                                                entityManager
                                                        .createNativeQuery(
                                                                "select count(*) from service_variables"
                                                                        + " where service_id = ?1")
                                                        .setParameter(1, UUID.fromString(serviceId))
                                                        .getSingleResult())
                                        .longValue());
    }

    private Object deletedAt(String serviceId) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () ->
                                entityManager
                                        .createNativeQuery(
                                                "select deleted_at from services where id = ?1")
                                        .setParameter(1, UUID.fromString(serviceId))
                                        .getSingleResult());
    }

    /** Polls, with a deadline, until some backend of this database waits on a lock. */
    private void awaitABackendWaitingForALock() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            long waiting =
                    QuarkusTransaction.requiringNew()
                            .call(
                                    () ->
                                            ((Number)
                                                            entityManager
                                                                    .createNativeQuery(
                                                                            "select count(*) from pg_stat_activity"
                                                                                    + " where datname = current_database()"
                                                                                    + " and wait_event_type = 'Lock'")
                                                                    .getSingleResult())
                                                    .longValue());
            if (waiting > 0) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the second create never waited on the first one's insert");
    }
}
