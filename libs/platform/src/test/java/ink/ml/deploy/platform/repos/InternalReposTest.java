package ink.ml.deploy.platform.repos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import ink.ml.deploy.domain.InternalRepoPath;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.gitauth.GitAccess;
import ink.ml.deploy.gitauth.GitTokenClaims;
import ink.ml.deploy.gitauth.GitTokenKeys;
import ink.ml.deploy.gitauth.GitTokenRefusedException;
import ink.ml.deploy.gitauth.GitTokenSigner;
import ink.ml.deploy.gitauth.GitTokenVerifier;
import ink.ml.deploy.platform.TestUsers;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.pagination.Page;
import ink.ml.deploy.platform.pagination.PageRequest;
import ink.ml.deploy.platform.projects.Projects;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InternalReposTest {
    /** The git-server's check, with the test key of application.properties. */
    private static final GitTokenVerifier GIT_SERVER =
            new GitTokenVerifier(
                    GitTokenKeys.of(
                            Map.of("test-1", "Kq3Qm5Qb7vZ2mUj0cS9m4Q2x1XW5yq1cJ8b4a0F2H6E="),
                            Optional.empty()),
                    Clock.systemUTC());

    @Inject InternalRepos repos;
    @Inject Projects projects;
    @Inject TestUsers users;
    @Inject EntityManager entityManager;

    @Test
    void createsARepoInTheCallersProjectAndFindsIt() {
        Caller caller = users.newCaller();
        String projectId = defaultProject(caller);

        InternalRepoView repo = repos.create(caller, projectId, "api");

        assertThat(repo.name()).isEqualTo("api");
        assertThat(repo.projectId()).isEqualTo(projectId);
        assertThat(repos.get(caller, repo.id())).isEqualTo(repo);
        assertThat(repos.list(caller, projectId, PageRequest.firstPage()).items())
                .containsExactly(repo);
        assertThat(
                        QuarkusTransaction.requiringNew()
                                .call(() -> repos.owned(caller, UUID.fromString(repo.id())).name))
                .isEqualTo("api");
    }

    @Test
    void refusesASecondRepoWithTheSameNameInOneProject() {
        Caller caller = users.newCaller();
        String projectId = defaultProject(caller);
        repos.create(caller, projectId, "api");

        assertThatThrownBy(() -> repos.create(caller, projectId, "api"))
                .isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).field()).isEqualTo("name"))
                .hasMessage("name: project default already has a repo named api");
        String other = projects.create(caller, "other").id();
        assertThat(repos.create(caller, other, "api").name()).isEqualTo("api");
    }

    @Test
    void twoRequestsRacingForOneRepoNameGetOneRepoAndAConflict() throws Exception {
        Caller caller = users.newCaller();
        String projectId = defaultProject(caller);
        int racers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                outcomes.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    try {
                                        repos.create(caller, projectId, "race");
                                        return "created";
                                    } catch (ConflictException e) {
                                        return e.field();
                                    }
                                }));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get());
            }

            assertThat(results).containsOnlyOnce("created").containsOnly("created", "name");
        } finally {
            pool.shutdownNow();
        }
        assertThat(repos.list(caller, projectId, PageRequest.firstPage()).items()).hasSize(1);
    }

    @Test
    void refusesInvalidNamesAndIdsNamingTheField() {
        Caller caller = users.newCaller();
        String projectId = defaultProject(caller);

        for (String bad : new String[] {"", "Api", "../etc", "a/b", "a".repeat(64), "-api"}) {
            assertThatThrownBy(() -> repos.create(caller, projectId, bad))
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessageStartingWith("repo: ");
        }
        assertThatThrownBy(() -> repos.create(caller, "nope", "api"))
                .hasMessageStartingWith("projectId: ");
        assertThatThrownBy(() -> repos.get(caller, "nope")).hasMessageStartingWith("repoId: ");
        assertThatThrownBy(() -> repos.revokeToken(caller, "nope"))
                .hasMessageStartingWith("tokenId: ");
    }

    @Test
    void anotherUsersProjectsReposAndTokensAreNotFound() {
        Caller owner = users.newCaller();
        Caller stranger = users.newCaller();
        String projectId = defaultProject(owner);
        InternalRepoView repo = repos.create(owner, projectId, "api");
        IssuedGitToken token = repos.issueToken(owner, repo.id(), null);

        assertThatThrownBy(() -> repos.create(stranger, projectId, "sneaky"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> repos.list(stranger, projectId, PageRequest.firstPage()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> repos.get(stranger, repo.id()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("repo " + repo.id() + " not found");
        assertThatThrownBy(() -> repos.issueToken(stranger, repo.id(), null))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> repos.revokeToken(stranger, token.id()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("gitToken " + token.id() + " not found");
        assertThatThrownBy(
                        () ->
                                QuarkusTransaction.requiringNew()
                                        .run(
                                                () ->
                                                        repos.owned(
                                                                stranger,
                                                                UUID.fromString(repo.id()))))
                .isInstanceOf(NotFoundException.class);

        assertThatThrownBy(() -> repos.revocation(stranger, token.id()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("gitToken " + token.id() + " not found");
        assertThatThrownBy(() -> repos.tokens(stranger, repo.id()))
                .isInstanceOf(NotFoundException.class);

        assertThat(repos.list(owner, projectId, PageRequest.firstPage()).items())
                .extracting(InternalRepoView::name)
                .containsExactly("api");
        assertThat(repos.tokens(owner, repo.id()))
                .singleElement()
                .satisfies(
                        view -> {
                            assertThat(view.id()).isEqualTo(token.id());
                            assertThat(view.revokedAt()).isEmpty();
                        });
    }

    @Test
    void anIssuedTokenLetsItsOwnerPushToThatRepoOnly() {
        Caller caller = users.newCaller();
        String projectId = defaultProject(caller);
        InternalRepoView api = repos.create(caller, projectId, "api");
        InternalRepoView web = repos.create(caller, projectId, "web");

        IssuedGitToken token = repos.issueToken(caller, api.id(), null);

        assertThat(token.secret()).startsWith("dpg_");
        assertThat(token.repoId()).isEqualTo(api.id());
        assertThat(token.expiresAt())
                .isCloseTo(Instant.now().plus(Duration.ofHours(1)), within(1, ChronoUnit.MINUTES));
        assertThat(token.toString()).doesNotContain(token.secret().substring(4));
        assertThat(acceptedAtGitServer(token.secret(), repos.path(caller, api.id()))).isTrue();
        assertThat(acceptedAtGitServer(token.secret(), repos.path(caller, web.id()))).isFalse();
        assertThat(acceptedAtGitServer(token.secret(), caller.id() + "/default/nope")).isFalse();
    }

    @Test
    void anIssuedTokenComesWithItsRemoteUnderTheOneUserName() {
        Caller caller = users.newCaller();
        InternalRepoView repo = repos.create(caller, defaultProject(caller), "api");

        IssuedGitToken token = repos.issueToken(caller, repo.id(), null);

        String path = caller.id() + "/default/api.git";
        assertThat(token.remoteUrl()).isEqualTo("https://git.ml.ink/" + path);
        assertThat(token.authenticatedRemoteUrl())
                .isEqualTo("https://git:" + token.secret() + "@git.ml.ink/" + path);
        assertThat(token.username()).isEqualTo(GitRemote.USERNAME).isEqualTo("git");
        assertThat(token.toString()).doesNotContain(token.secret().substring(4));
    }

    @Test
    void theTableHoldsTheTokensIdButNeverTheToken() throws Exception {
        Caller caller = users.newCaller();
        InternalRepoView repo = repos.create(caller, defaultProject(caller), "api");
        IssuedGitToken token = repos.issueToken(caller, repo.id(), null);

        String row =
                QuarkusTransaction.requiringNew()
                        .call(
                                () ->
                                        (String)
                                                entityManager
                                                        .createNativeQuery(
                                                                "select row_to_json(t)::text from"
                                                                        + " git_tokens t where id"
                                                                        + " = ?1")
                                                        .setParameter(
                                                                1, UUID.fromString(token.id()))
                                                        .getSingleResult());

        String payload = token.secret().substring(4, token.secret().indexOf('.'));
        String signature = token.secret().substring(token.secret().indexOf('.') + 1);
        assertThat(row).contains("\"prefix\":\"dpg_");
        assertThat(row).contains("\"token_id\":\"" + gitServerClaims(token).id() + "\"");
        assertThat(row).doesNotContain(payload.substring(0, 16)).doesNotContain(signature);
    }

    @Test
    void refusesWrongAndMalformedTokens() {
        Caller caller = users.newCaller();
        InternalRepoView repo = repos.create(caller, defaultProject(caller), "api");
        String secret = repos.issueToken(caller, repo.id(), null).secret();
        // A middle character: the last one of a base64 secret may only carry unused padding bits.
        int middle = secret.length() / 2;
        char changed = secret.charAt(middle) == 'A' ? 'B' : 'A';

        InternalRepoPath path = repos.path(caller, repo.id());

        assertThat(
                        acceptedAtGitServer(
                                secret.substring(0, middle)
                                        + changed
                                        + secret.substring(middle + 1),
                                path))
                .isFalse();
        assertThat(acceptedAtGitServer("dpg_" + "0".repeat(64), path)).isFalse();
        assertThat(acceptedAtGitServer(null, path)).isFalse();
        assertThat(acceptedAtGitServer(secret, (String) null)).isFalse();
        assertThat(acceptedAtGitServer("", path)).isFalse();
        assertThat(acceptedAtGitServer(secret.toUpperCase(), path)).isFalse();
        assertThat(acceptedAtGitServer(secret + " ", path)).isFalse();
        assertThat(acceptedAtGitServer("dk_live_" + secret.substring(4), path)).isFalse();
        assertThat(acceptedAtGitServer(secret, path)).isTrue();
    }

    @Test
    void anExpiredTokenIsNoLongerListedAndNeedsNoRevocation() {
        Caller caller = users.newCaller();
        InternalRepoView repo = repos.create(caller, defaultProject(caller), "api");
        IssuedGitToken token = repos.issueToken(caller, repo.id(), Duration.ofMinutes(5));

        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                entityManager
                                        .createNativeQuery(
                                                "update git_tokens set created_at = now() -"
                                                        + " interval '2 hours', expires_at = now()"
                                                        + " - interval '1 second' where id = ?1")
                                        .setParameter(1, UUID.fromString(token.id()))
                                        .executeUpdate());

        assertThat(repos.tokens(caller, repo.id())).isEmpty();
        assertThat(repos.revocation(caller, token.id())).isEmpty();
    }

    @Test
    void aRevocationNamesTheTokensIdItsExpiryAndTheGitServersRegion() throws Exception {
        Caller caller = users.newCaller();
        InternalRepoView repo = repos.create(caller, defaultProject(caller), "api");
        IssuedGitToken token = repos.issueToken(caller, repo.id(), null);

        GitTokenRevocation revocation = repos.revocation(caller, token.id()).orElseThrow();

        assertThat(revocation)
                .isEqualTo(
                        new GitTokenRevocation(
                                token.id(),
                                gitServerClaims(token).id(),
                                token.expiresAt(),
                                "eu-central-1"));
        assertThat(repos.tokens(caller, repo.id()).get(0).revokedAt())
                .as("asking what to publish marks nothing")
                .isEmpty();
    }

    @Test
    void aTokenIssuedWithoutARecordedIdCannotBeRevokedByItselfAndSaysUntilWhenItWorks() {
        Caller caller = users.newCaller();
        InternalRepoView repo = repos.create(caller, defaultProject(caller), "api");
        UUID legacy = UUID.randomUUID();
        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                entityManager
                                        .createNativeQuery(
                                                "insert into git_tokens (id, repo_id, user_id,"
                                                        + " prefix, expires_at) values (?1, ?2, ?3,"
                                                        + " 'dpg_0a1b2c3d', now() + interval '1"
                                                        + " day')")
                                        .setParameter(1, legacy)
                                        .setParameter(2, UUID.fromString(repo.id()))
                                        .setParameter(3, caller.id())
                                        .executeUpdate());

        assertThatThrownBy(() -> repos.revocation(caller, legacy.toString()))
                .isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).field()).isEqualTo("id"))
                .hasMessageContaining("dpg_0a1b2c3d… was issued before git tokens could be revoked")
                .hasMessageContaining("stops working at");
    }

    @Test
    void revokingMarksThatTokenOnlyAndRevokingTwiceKeepsTheFirstTime() {
        Caller caller = users.newCaller();
        InternalRepoView repo = repos.create(caller, defaultProject(caller), "api");
        IssuedGitToken token = repos.issueToken(caller, repo.id(), null);
        IssuedGitToken other = repos.issueToken(caller, repo.id(), null);

        GitTokenView first = repos.revokeToken(caller, token.id());
        GitTokenView second = repos.revokeToken(caller, token.id());

        assertThat(first.revokedAt()).isPresent();
        assertThat(second.revokedAt()).isEqualTo(first.revokedAt());
        assertThat(repos.tokens(caller, repo.id()))
                .extracting(GitTokenView::id, view -> view.revokedAt().isPresent())
                .containsExactly(tuple(other.id(), false), tuple(token.id(), true));
    }

    @Test
    void tokenLifetimeIsBetweenOneMinuteAndThirtyDays() {
        Caller caller = users.newCaller();
        String repoId = repos.create(caller, defaultProject(caller), "api").id();

        for (Duration bad :
                new Duration[] {
                    Duration.ofSeconds(59),
                    Duration.ofDays(30).plusSeconds(1),
                    Duration.ZERO,
                    Duration.ofHours(-1)
                }) {
            assertThatThrownBy(() -> repos.issueToken(caller, repoId, bad))
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessageStartingWith("ttl: must be between 1 minute and 30 days");
        }
        assertThat(repos.issueToken(caller, repoId, Duration.ofMinutes(1)).expiresAt())
                .isCloseTo(
                        Instant.now().plus(Duration.ofMinutes(1)), within(30, ChronoUnit.SECONDS));
        assertThat(repos.issueToken(caller, repoId, Duration.ofDays(30)).expiresAt())
                .isCloseTo(Instant.now().plus(Duration.ofDays(30)), within(1, ChronoUnit.MINUTES));
    }

    @Test
    void theDatabaseRefusesATokenThatExpiresBeforeItIsCreated() {
        Caller caller = users.newCaller();
        String repoId = repos.create(caller, defaultProject(caller), "api").id();

        assertThatThrownBy(
                        () ->
                                QuarkusTransaction.requiringNew()
                                        .run(
                                                () ->
                                                        entityManager
                                                                .createNativeQuery(
                                                                        "insert into git_tokens"
                                                                                + " (id, repo_id,"
                                                                                + " user_id, prefix,"
                                                                                + " expires_at)"
                                                                                + " values (?1, ?2,"
                                                                                + " ?3, 'dpg_x',"
                                                                                + " now() - interval"
                                                                                + " '1 hour')")
                                                                .setParameter(1, UUID.randomUUID())
                                                                .setParameter(
                                                                        2, UUID.fromString(repoId))
                                                                .setParameter(3, caller.id())
                                                                .executeUpdate()))
                .hasStackTraceContaining("git_tokens_check");
    }

    @Test
    void listsAProjectsReposPageByPage() {
        Caller caller = users.newCaller();
        String projectId = defaultProject(caller);
        repos.create(caller, projectId, "one");
        repos.create(caller, projectId, "two");
        repos.create(caller, projectId, "three");

        Page<InternalRepoView> first = repos.list(caller, projectId, PageRequest.of(2, null));
        Page<InternalRepoView> second =
                repos.list(caller, projectId, PageRequest.of(2, first.endCursor().orElseThrow()));

        assertThat(first.items()).extracting(InternalRepoView::name).containsExactly("one", "two");
        assertThat(second.items()).extracting(InternalRepoView::name).containsExactly("three");
        assertThat(second.hasNextPage()).isFalse();
    }

    @Test
    void anIssuedTokenIsSignedForTheRepositoryPathTheGitServerChecks() throws Exception {
        Caller caller = users.newCaller();
        InternalRepoView repo = repos.create(caller, defaultProject(caller), "api");
        IssuedGitToken token = repos.issueToken(caller, repo.id(), Duration.ofMinutes(10));
        InternalRepoPath path = repos.path(caller, repo.id());
        GitTokenVerifier gitServer =
                new GitTokenVerifier(
                        GitTokenKeys.of(
                                Map.of("test-1", "Kq3Qm5Qb7vZ2mUj0cS9m4Q2x1XW5yq1cJ8b4a0F2H6E="),
                                Optional.empty()),
                        Clock.systemUTC());

        GitTokenClaims claims = gitServer.verify(token.secret(), path.value(), GitAccess.PUSH);

        assertThat(path.value()).isEqualTo(caller.id() + "/default/api");
        assertThat(claims.expiresAt()).isEqualTo(token.expiresAt());
        assertThat(claims.keyId()).isEqualTo("test-1");
    }

    @Test
    void aReadTokenOfTheSameRepoLetsNobodyPush() {
        Caller caller = users.newCaller();
        InternalRepoView repo = repos.create(caller, defaultProject(caller), "api");
        repos.issueToken(caller, repo.id(), null);
        String read =
                new GitTokenSigner(
                                GitTokenKeys.of(
                                        Map.of(
                                                "test-1",
                                                "Kq3Qm5Qb7vZ2mUj0cS9m4Q2x1XW5yq1cJ8b4a0F2H6E="),
                                        Optional.of("test-1")),
                                Clock.systemUTC())
                        .mint(
                                repos.path(caller, repo.id()).value(),
                                GitAccess.READ,
                                Duration.ofMinutes(5))
                        .token();

        assertThat(acceptedAtGitServer(read, repos.path(caller, repo.id()))).isFalse();
    }

    private String defaultProject(Caller caller) {
        return projects.getDefault(caller).id();
    }

    /** What the git-server says of a push with {@code secret} to {@code path}. */
    private static boolean acceptedAtGitServer(String secret, InternalRepoPath path) {
        return acceptedAtGitServer(secret, path.value());
    }

    private static boolean acceptedAtGitServer(String secret, String path) {
        try {
            GIT_SERVER.verify(secret, path, GitAccess.PUSH);
            return true;
        } catch (GitTokenRefusedException e) {
            return false;
        }
    }

    private static GitTokenClaims gitServerClaims(IssuedGitToken token) throws Exception {
        return GIT_SERVER.authentic(token.secret());
    }
}
