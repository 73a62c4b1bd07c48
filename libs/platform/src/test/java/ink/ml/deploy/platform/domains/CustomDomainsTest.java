package ink.ml.deploy.platform.domains;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.domain.VerificationToken;
import ink.ml.deploy.platform.TestUsers;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.common.RateLimitedException;
import ink.ml.deploy.platform.common.Timestamps;
import ink.ml.deploy.platform.pagination.Page;
import ink.ml.deploy.platform.pagination.PageRequest;
import ink.ml.deploy.platform.projects.ProjectView;
import ink.ml.deploy.platform.projects.Projects;
import ink.ml.deploy.platform.services.Service;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CustomDomainsTest {
    @Inject CustomDomains domains;
    @Inject Projects projects;
    @Inject TestUsers users;
    @Inject EntityManager entityManager;

    @Test
    void addingADomainReturnsTheTxtAndCnameRecordsToCreate() {
        Caller caller = users.newCaller();
        String serviceId = newService(caller, "web");

        CustomDomainView added = domains.add(caller, serviceId, "App.Example.COM.");

        String token = storedToken(added.id());
        assertThat(token).matches("[0-9a-f]{32}");
        assertThat(added.domain()).isEqualTo("app.example.com");
        assertThat(added.serviceId()).isEqualTo(serviceId);
        assertThat(added.records().txtName()).isEqualTo("_dp-verify.app.example.com");
        assertThat(added.records().txtValue()).isEqualTo("dp-verify=" + token);
        assertThat(added.records().cnameName()).isEqualTo("app.example.com");
        assertThat(added.records().cnameTarget())
                .isEqualTo("web-default-" + caller.id() + ".cname.ml.ink");
        assertThat(added.certStatus()).isEqualTo(CertStatus.PENDING_VERIFICATION);
        assertThat(added.verified()).isFalse();
        assertThat(domains.get(caller, added.id())).isEqualTo(added);
    }

    @Test
    void anInternationalDomainIsStoredAsPunycodeAndShownInUnicode() {
        Caller caller = users.newCaller();

        CustomDomainView added = domains.add(caller, newService(caller, "web"), "Café.example.com");

        assertThat(added.domain()).isEqualTo("xn--caf-dma.example.com");
        assertThat(added.unicodeDomain()).isEqualTo("café.example.com");
        assertThat(added.records().txtName()).isEqualTo("_dp-verify.xn--caf-dma.example.com");
    }

    @Test
    void refusesPlatformNamesWildcardsAndAddressesNamingTheField() {
        Caller caller = users.newCaller();
        String serviceId = newService(caller, "web");

        for (String bad :
                new String[] {
                    "foo.ml.ink",
                    "ml.ink",
                    "web.cname.ml.ink",
                    "*.example.com",
                    "192.168.1.10",
                    "[::1]",
                    "https://example.com/",
                    "example.com:443",
                    "localhost",
                    "app.local",
                    ""
                }) {
            assertThatThrownBy(() -> domains.add(caller, serviceId, bad))
                    .as(bad)
                    .isInstanceOf(InvalidValueException.class)
                    .satisfies(
                            e ->
                                    assertThat(((InvalidValueException) e).field())
                                            .isEqualTo("domain"));
        }
        assertThatThrownBy(() -> domains.add(caller, "nope", "example.com"))
                .hasMessageStartingWith("serviceId: ");
        assertThat(domains.list(caller, serviceId, PageRequest.firstPage()).items()).isEmpty();
    }

    @Test
    void aDomainClaimedByAnotherUserIsAConflictThatDoesNotSayWhose() {
        Caller first = users.newCaller();
        Caller second = users.newCaller();
        domains.add(first, newService(first, "shop"), "taken.example.org");
        String secondService = newService(second, "web");

        assertThatThrownBy(() -> domains.add(second, secondService, "TAKEN.example.org"))
                .isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).field()).isEqualTo("domain"))
                .hasMessage("domain: taken.example.org is already in use")
                .hasMessageNotContaining(first.id())
                .hasMessageNotContaining("shop");
        assertThat(domains.list(second, secondService, PageRequest.firstPage()).items()).isEmpty();
    }

    @Test
    void usersRacingForOneDomainGetOneWinnerAndConflictsForTheRest() throws Exception {
        int racers = 4;
        List<Caller> callers = new ArrayList<>();
        List<String> services = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            Caller caller = users.newCaller();
            callers.add(caller);
            services.add(newService(caller, "web"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                int racer = i;
                outcomes.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    try {
                                        domains.add(
                                                callers.get(racer),
                                                services.get(racer),
                                                "race.example.org");
                                        return "won";
                                    } catch (ConflictException e) {
                                        return e.getMessage();
                                    }
                                }));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get());
            }

            assertThat(results)
                    .containsOnlyOnce("won")
                    .filteredOn(r -> !r.equals("won"))
                    .hasSize(racers - 1)
                    .containsOnly("domain: race.example.org is already in use");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDomainCannotBeClaimedTwiceEvenByItsOwner() {
        Caller caller = users.newCaller();
        domains.add(caller, newService(caller, "web"), "mine.example.org");

        assertThatThrownBy(() -> domains.add(caller, newService(caller, "api"), "mine.example.org"))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void theDatabaseRefusesASecondClaimOfTheSameDomain() {
        Caller caller = users.newCaller();
        String serviceId = newService(caller, "web");
        domains.add(caller, serviceId, "unique.example.org");

        assertThatThrownBy(
                        () ->
                                QuarkusTransaction.requiringNew()
                                        .run(
                                                () ->
                                                        entityManager
                                                                .createNativeQuery(
                                                                        "insert into"
                                                                                + " custom_domains (id,"
                                                                                + " service_id, domain,"
                                                                                + " verification_token)"
                                                                                + " values (?1, ?2,"
                                                                                + " 'unique.example.org',"
                                                                                + " ?3)")
                                                                .setParameter(1, UUID.randomUUID())
                                                                .setParameter(
                                                                        2,
                                                                        UUID.fromString(serviceId))
                                                                .setParameter(3, "0".repeat(32))
                                                                .executeUpdate()))
                .hasStackTraceContaining("custom_domains_domain_key");
    }

    @Test
    void anotherUsersServicesAndDomainsAreNotFound() {
        Caller owner = users.newCaller();
        Caller stranger = users.newCaller();
        String serviceId = newService(owner, "web");
        CustomDomainView added = domains.add(owner, serviceId, "owned.example.org");

        assertThatThrownBy(() -> domains.add(stranger, serviceId, "other.example.org"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("service " + serviceId + " not found");
        assertThatThrownBy(() -> domains.list(stranger, serviceId, PageRequest.firstPage()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> domains.get(stranger, added.id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> domains.remove(stranger, added.id()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("domain " + added.id() + " not found");
        assertThatThrownBy(() -> domains.add(owner, UUID.randomUUID().toString(), "x.example.org"))
                .isInstanceOf(NotFoundException.class);

        assertThat(domains.list(owner, serviceId, PageRequest.firstPage()).items())
                .containsExactly(added);
    }

    @Test
    void anUnverifiedClaimOlderThanAWeekNoLongerBlocksSomeoneElse() {
        Caller squatter = users.newCaller();
        Caller owner = users.newCaller();
        domains.add(squatter, newService(squatter, "web"), "squatted.example.org");
        age("squatted.example.org", "8 days");

        CustomDomainView claimed =
                domains.add(owner, newService(owner, "web"), "squatted.example.org");

        assertThat(claimed.domain()).isEqualTo("squatted.example.org");
        assertThat(domains.get(owner, claimed.id())).isEqualTo(claimed);
    }

    @Test
    void aVerifiedClaimKeepsItsNameHoweverOld() {
        Caller holder = users.newCaller();
        Caller other = users.newCaller();
        CustomDomainView held =
                domains.add(holder, newService(holder, "web"), "verified.example.org");
        domains.recordVerification(UUID.fromString(held.id()), true, true, Optional.empty());
        age("verified.example.org", "400 days");
        String otherService = newService(other, "web");

        assertThatThrownBy(() -> domains.add(other, otherService, "verified.example.org"))
                .isInstanceOf(ConflictException.class);
        assertThat(domains.get(holder, held.id()).domain()).isEqualTo("verified.example.org");
    }

    @Test
    void aDomainVerifiedByAnotherUserIsRefusedSayingSoButNotWhose() {
        Caller holder = users.newCaller();
        Caller other = users.newCaller();
        CustomDomainView held =
                domains.add(holder, newService(holder, "shop"), "owned-by-one.example.org");
        domains.recordVerification(UUID.fromString(held.id()), true, true, Optional.empty());
        String otherService = newService(other, "web");

        assertThatThrownBy(() -> domains.add(other, otherService, "Owned-By-One.example.org"))
                .isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).field()).isEqualTo("domain"))
                .hasMessage(
                        "domain: owned-by-one.example.org is already verified by another account;"
                                + " it can be added only after they remove it")
                .hasMessageNotContaining(holder.id())
                .hasMessageNotContaining("shop");
    }

    @Test
    void addingOnesOwnDomainAgainSaysWhereItIs() {
        Caller caller = users.newCaller();
        domains.add(caller, newService(caller, "web"), "twice.example.org");
        String api = newService(caller, "api");

        assertThatThrownBy(() -> domains.add(caller, api, "twice.example.org"))
                .isInstanceOf(ConflictException.class)
                .hasMessage(
                        "domain: twice.example.org is already added to one of your services;"
                                + " remove it there first to move it");
    }

    @Test
    void refusesEachKindOfNameThatIsNotACustomersHostNameWithItsReason() {
        Caller caller = users.newCaller();
        String serviceId = newService(caller, "web");
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("*.example.com", "domain: wildcard domains are not supported");
        refusals.put("a.*.example.com", "domain: wildcard domains are not supported");
        refusals.put("203.0.113.7", "domain: must be a host name, not an IP address");
        refusals.put("[2001:db8::1]", "domain: must be a host name only: no scheme, port");
        refusals.put("2001:db8::1", "domain: must be a host name only: no scheme, port");
        refusals.put("http://example.com", "domain: must be a host name only: no scheme, port");
        refusals.put("example.com:8443", "domain: must be a host name only: no scheme, port");
        refusals.put("example.com/shop", "domain: must be a host name only: no URL, path");
        refusals.put("admin@example.com", "domain: must be a host name only: no URL, path");
        refusals.put("ml.ink", "domain: must not be ml.ink or a name under it");
        refusals.put("ML.Ink.", "domain: must not be ml.ink or a name under it");
        refusals.put("deep.app.ml.ink", "domain: must not be ml.ink or a name under it");
        refusals.put("web-default-x.cname.ml.ink", "domain: must not be ml.ink or a name under it");

        refusals.forEach(
                (bad, reason) ->
                        assertThatThrownBy(() -> domains.add(caller, serviceId, bad))
                                .as(bad)
                                .isInstanceOf(InvalidValueException.class)
                                .hasMessageStartingWith(reason)
                                .satisfies(
                                        e ->
                                                assertThat(((InvalidValueException) e).field())
                                                        .isEqualTo("domain")));
        assertThat(domains.list(caller, serviceId, PageRequest.firstPage()).items()).isEmpty();
    }

    @Test
    void everyClaimOfTheSameNameGetsItsOwnToken() {
        Caller first = users.newCaller();
        Caller second = users.newCaller();
        CustomDomainView firstClaim =
                domains.add(first, newService(first, "web"), "reclaimed.example.org");
        String firstToken = storedToken(firstClaim.id());
        domains.remove(first, firstClaim.id());

        CustomDomainView secondClaim =
                domains.add(second, newService(second, "web"), "reclaimed.example.org");

        String secondToken = storedToken(secondClaim.id());
        assertThat(secondToken).isNotEqualTo(firstToken);
        assertThat(secondClaim.records().txtValue()).isEqualTo("dp-verify=" + secondToken);
        assertThat(secondClaim.txt().expected()).doesNotContain(firstToken);
    }

    @Test
    void tokensCarryAtLeast128RandomBits() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String token = VerificationToken.generate().value();
            // 32 hex digits: 16 bytes from SecureRandom.
            assertThat(token).matches("[0-9a-f]{32}");
            tokens.add(token);
        }
        assertThat(tokens).hasSize(2000);
        // Every hex digit appears at every position across the sample: no fixed part.
        for (int position = 0; position < 32; position++) {
            int at = position;
            assertThat(tokens.stream().map(t -> t.charAt(at)).distinct().count())
                    .as("position %d", position)
                    .isEqualTo(16);
        }
    }

    @Test
    void theViewShowsEachRecordExpectedFoundAndItsStatus() {
        Caller caller = users.newCaller();
        CustomDomainView added =
                domains.add(caller, newService(caller, "web"), "statuses.example.org");
        UUID id = UUID.fromString(added.id());

        assertThat(added.txt())
                .isEqualTo(
                        new CustomDomainView.RecordView(
                                "TXT",
                                "_dp-verify.statuses.example.org",
                                added.records().txtValue(),
                                Optional.empty(),
                                RecordStatus.PENDING));
        assertThat(added.cname().status()).isEqualTo(RecordStatus.PENDING);
        assertThat(added.cname().expected()).isEqualTo(added.records().cnameTarget());
        assertThat(added.lastCheckedAt()).isEmpty();

        CustomDomainView wrong =
                domains.recordVerification(
                        id,
                        RecordCheck.missing(),
                        RecordCheck.wrong("elsewhere.example.net"),
                        Optional.of(
                                "no TXT record at _dp-verify.statuses.example.org; the CNAME"
                                        + " points to elsewhere.example.net"));

        assertThat(wrong.txt().status()).isEqualTo(RecordStatus.MISSING);
        assertThat(wrong.txt().found()).isEmpty();
        assertThat(wrong.cname().status()).isEqualTo(RecordStatus.WRONG);
        assertThat(wrong.cname().found()).contains("elsewhere.example.net");
        assertThat(wrong.lastCheckError())
                .contains(
                        "no TXT record at _dp-verify.statuses.example.org; the CNAME points to"
                                + " elsewhere.example.net");
        assertThat(wrong.lastCheckedAt()).isPresent();

        CustomDomainView failed =
                domains.recordVerification(
                        id,
                        RecordCheck.error(),
                        RecordCheck.error(),
                        Optional.of("the name servers of example.org did not answer (timeout)"));

        assertThat(failed.txt().status()).isEqualTo(RecordStatus.ERROR);
        assertThat(failed.cname().status()).isEqualTo(RecordStatus.ERROR);

        CustomDomainView ok =
                domains.recordVerification(
                        id,
                        RecordCheck.ok(added.records().txtValue()),
                        RecordCheck.ok(added.records().cnameTarget()),
                        Optional.empty());

        assertThat(ok.txt().status()).isEqualTo(RecordStatus.OK);
        assertThat(ok.txt().found()).contains(added.records().txtValue());
        assertThat(ok.cname().status()).isEqualTo(RecordStatus.OK);
        assertThat(ok.verified()).isTrue();
        assertThat(ok.lastCheckError()).isEmpty();
        assertThat(domains.get(caller, added.id())).isEqualTo(ok);
    }

    @Test
    void theSimpleCheckRecordReadsAFailureWithAnErrorAsErrorAndWithoutAsMissing() {
        Caller caller = users.newCaller();
        UUID id =
                UUID.fromString(
                        domains.add(caller, newService(caller, "web"), "simple.example.org").id());

        CustomDomainView missing = domains.recordVerification(id, true, false, Optional.empty());
        assertThat(missing.txt().status()).isEqualTo(RecordStatus.OK);
        assertThat(missing.cname().status()).isEqualTo(RecordStatus.MISSING);

        CustomDomainView error =
                domains.recordVerification(id, false, false, Optional.of("SERVFAIL"));
        assertThat(error.txt().status()).isEqualTo(RecordStatus.ERROR);
        assertThat(error.cname().status()).isEqualTo(RecordStatus.ERROR);
    }

    @Test
    void aVerificationRequestIsRecordedAndReturnsTheCurrentStatuses() {
        Caller caller = users.newCaller();
        CustomDomainView added =
                domains.add(caller, newService(caller, "web"), "requested.example.org");
        domains.recordVerification(
                UUID.fromString(added.id()),
                RecordCheck.ok(null),
                RecordCheck.missing(),
                Optional.empty());

        CustomDomainView requested = domains.requestVerification(caller, added.id());

        assertThat(requested.verificationRequestedAt()).isPresent();
        assertThat(requested.txt().status()).isEqualTo(RecordStatus.OK);
        assertThat(requested.cname().status()).isEqualTo(RecordStatus.MISSING);
        assertThat(domains.get(caller, added.id())).isEqualTo(requested);
        assertThat(attempts("requested.example.org")).isEqualTo(1L);
    }

    /**
     * The verify door signals the domain's workflow before its own transaction commits, and the
     * workflow checks the records at once: that check's outcome must survive the request's commit
     * (it was once overwritten with the stale row, and the certificate then found the domain
     * unverified).
     */
    @Test
    void aCheckRecordedWhileAVerificationRequestIsOpenIsKeptWhenTheRequestCommits()
            throws Exception {
        Caller caller = users.newCaller();
        CustomDomainView added =
                domains.add(caller, newService(caller, "web"), "open-request.example.org");
        UUID id = UUID.fromString(added.id());
        ExecutorService workflow = Executors.newSingleThreadExecutor();
        try {
            QuarkusTransaction.requiringNew()
                    .run(
                            () -> {
                                domains.requestVerification(caller, added.id());
                                awaitOn(
                                        workflow.submit(
                                                () ->
                                                        domains.recordVerification(
                                                                id, true, true, Optional.empty())));
                            });
        } finally {
            workflow.shutdownNow();
        }

        CustomDomainView after = domains.get(caller, added.id());
        assertThat(after.verified())
                .as("the check's outcome, after the request: %s", after)
                .isTrue();
        assertThat(after.verificationRequestedAt()).isPresent();
    }

    private static <T> T awaitOn(Future<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFourthVerificationOfOneDomainWithinAMinuteIsRefusedWithTheWait() {
        Caller caller = users.newCaller();
        CustomDomainView added =
                domains.add(caller, newService(caller, "web"), "eager.example.org");
        for (int i = 0; i < 3; i++) {
            domains.requestVerification(caller, added.id());
        }

        assertThatThrownBy(() -> domains.requestVerification(caller, added.id()))
                .isInstanceOf(RateLimitedException.class)
                .hasMessageStartingWith(
                        "eager.example.org was checked 3 times in the last minute: try again in ")
                .satisfies(
                        e ->
                                assertThat(((RateLimitedException) e).retryAfter())
                                        .isBetween(Duration.ofSeconds(1), Duration.ofMinutes(1)));
        assertThat(attempts("eager.example.org")).isEqualTo(3L);
    }

    @Test
    void removingAndAddingADomainAgainDoesNotResetItsLimit() {
        Caller caller = users.newCaller();
        String serviceId = newService(caller, "web");
        CustomDomainView first = domains.add(caller, serviceId, "again.example.org");
        for (int i = 0; i < 3; i++) {
            domains.requestVerification(caller, first.id());
        }
        domains.remove(caller, first.id());
        CustomDomainView second = domains.add(caller, serviceId, "again.example.org");

        assertThatThrownBy(() -> domains.requestVerification(caller, second.id()))
                .isInstanceOf(RateLimitedException.class);
    }

    @Test
    void anEleventhVerificationByOneUserWithinAMinuteIsRefusedWithTheWait() {
        Caller caller = users.newCaller();
        String serviceId = newService(caller, "web");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(domains.add(caller, serviceId, "busy" + i + ".example.org").id());
        }
        for (int i = 0; i < 10; i++) {
            domains.requestVerification(caller, ids.get(i / 3));
        }

        assertThatThrownBy(() -> domains.requestVerification(caller, ids.get(3)))
                .isInstanceOf(RateLimitedException.class)
                .hasMessageStartingWith(
                        "you asked for 10 domain checks in the last minute: try again in ");
        Caller someoneElse = users.newCaller();
        CustomDomainView theirs =
                domains.add(someoneElse, newService(someoneElse, "web"), "calm.example.org");
        assertThat(domains.requestVerification(someoneElse, theirs.id()).verificationRequestedAt())
                .isPresent();
    }

    @Test
    void listsTheDomainsOfSeveralServicesAtOnceOnlyForTheirOwner() {
        Caller caller = users.newCaller();
        Caller stranger = users.newCaller();
        String web = newService(caller, "web");
        String api = newService(caller, "api");
        String empty = newService(caller, "empty");
        domains.add(caller, web, "w1.example.org");
        domains.add(caller, web, "w2.example.org");
        domains.add(caller, api, "a1.example.org");
        List<UUID> ids =
                List.of(UUID.fromString(web), UUID.fromString(api), UUID.fromString(empty));

        Map<UUID, List<CustomDomainView>> byService = domains.listByServices(caller, ids);

        assertThat(byService.get(UUID.fromString(web)))
                .extracting(CustomDomainView::domain)
                .containsExactly("w1.example.org", "w2.example.org");
        assertThat(byService.get(UUID.fromString(api)))
                .extracting(CustomDomainView::domain)
                .containsExactly("a1.example.org");
        assertThat(byService).doesNotContainKey(UUID.fromString(empty));
        assertThat(domains.listByServices(stranger, ids)).isEmpty();
        assertThat(domains.listByServices(caller, List.of())).isEmpty();
    }

    @Test
    void removingAnswersWhereTheDomainWasServedFrom() {
        Caller caller = users.newCaller();
        String serviceId = newService(caller, "web");
        CustomDomainView added = domains.add(caller, serviceId, "placed.example.com");

        DomainPlacement placement = domains.remove(caller, added.id());

        assertThat(placement.id()).isEqualTo(UUID.fromString(added.id()));
        assertThat(placement.domain()).isEqualTo("placed.example.com");
        assertThat(placement.service().service().value()).isEqualTo("web");
        assertThat(placement.service().user().value()).isEqualTo(caller.id());
        assertThat(placement.region().id()).isEqualTo("eu-central-1");
        assertThat(placement.port()).isPositive();
        assertThat(domains.placement(placement.id())).isEmpty();
    }

    @Test
    void aFlagKeepsItsFirstTimeAndDetachingClearsItWithTheReason() {
        Caller caller = users.newCaller();
        CustomDomainView added =
                domains.add(caller, newService(caller, "web"), "flagged.example.com");
        UUID id = UUID.fromString(added.id());
        Instant first = Instant.parse("2026-03-01T00:00:00Z");

        domains.flagRecordsMissing(id, first, first.plus(Duration.ofHours(72)));
        CustomDomainView flagged =
                domains.flagRecordsMissing(
                        id, first.plus(Duration.ofHours(6)), first.plus(Duration.ofHours(78)));

        assertThat(flagged.recordsMissing())
                .contains(
                        new CustomDomainView.RecordsMissing(
                                first, first.plus(Duration.ofHours(72))));
        assertThat(domains.placement(id).orElseThrow().recordsMissingSince()).contains(first);
        assertThatThrownBy(() -> domains.flagRecordsMissing(id, first, first.minusSeconds(1)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("detachAfter");

        CustomDomainView detached = domains.detach(id, "detached: records gone");

        assertThat(detached.recordsMissing()).isEmpty();
        assertThat(detached.certStatus()).isEqualTo(CertStatus.PENDING_VERIFICATION);
        assertThat(detached.certError()).contains("detached: records gone");
    }

    @Test
    void aClearedFlagIsGoneFromTheView() {
        Caller caller = users.newCaller();
        CustomDomainView added =
                domains.add(caller, newService(caller, "web"), "cleared.example.com");
        UUID id = UUID.fromString(added.id());
        Instant since = Instant.parse("2026-03-01T00:00:00Z");
        domains.flagRecordsMissing(id, since, since.plus(Duration.ofHours(1)));

        assertThat(domains.clearRecordsMissing(id).recordsMissing()).isEmpty();
    }

    @Test
    void releasingAServicesDomainsFreesTheirNames() {
        Caller caller = users.newCaller();
        String serviceId = newService(caller, "web");
        CustomDomainView first = domains.add(caller, serviceId, "one-released.example.com");
        domains.add(caller, serviceId, "two-released.example.com");

        assertThat(domains.releaseServiceDomains(UUID.fromString(serviceId))).isEqualTo(2);

        assertThat(domains.placement(UUID.fromString(first.id()))).isEmpty();
        Caller other = users.newCaller();
        domains.add(other, newService(other, "web"), "one-released.example.com");
    }

    private long attempts(String domain) {
        return ((Number)
                        nativeSingle(
                                "select count(*) from custom_domain_verification_attempts where"
                                        + " domain = ?1",
                                domain))
                .longValue();
    }

    private void age(String domain, String interval) {
        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                entityManager
                                        .createNativeQuery(
                                                "update custom_domains set created_at = now() -"
                                                        + " cast(?1 as interval) where domain = ?2")
                                        .setParameter(1, interval)
                                        .setParameter(2, domain)
                                        .executeUpdate());
    }

    @Test
    void aDeletedServiceTakesNoNewDomainsButCanReleaseItsOwn() {
        Caller caller = users.newCaller();
        String serviceId = newService(caller, "web");
        CustomDomainView added = domains.add(caller, serviceId, "old.example.org");
        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                entityManager
                                        .createNativeQuery(
                                                "update services set deleted_at = now() where id ="
                                                        + " ?1")
                                        .setParameter(1, UUID.fromString(serviceId))
                                        .executeUpdate());

        assertThatThrownBy(() -> domains.add(caller, serviceId, "new.example.org"))
                .isInstanceOf(NotFoundException.class);
        domains.remove(caller, added.id());
        assertThat(domains.add(caller, newService(caller, "web"), "old.example.org").domain())
                .isEqualTo("old.example.org");
    }

    @Test
    void removingADomainFreesTheNameForAnyone() {
        Caller first = users.newCaller();
        Caller second = users.newCaller();
        String serviceId = newService(first, "web");
        CustomDomainView added = domains.add(first, serviceId, "moving.example.org");

        domains.remove(first, added.id());

        assertThat(domains.list(first, serviceId, PageRequest.firstPage()).items()).isEmpty();
        assertThatThrownBy(() -> domains.get(first, added.id()))
                .isInstanceOf(NotFoundException.class);
        assertThat(domains.add(second, newService(second, "web"), "moving.example.org").domain())
                .isEqualTo("moving.example.org");
    }

    @Test
    void recordsWhatTheDnsCheckFound() {
        Caller caller = users.newCaller();
        CustomDomainView added =
                domains.add(caller, newService(caller, "web"), "checked.example.org");
        UUID id = UUID.fromString(added.id());

        CustomDomainView txtOnly =
                domains.recordVerification(
                        id, true, false, Optional.of("CNAME points to elsewhere.example.net"));

        assertThat(txtOnly.txtVerifiedAt()).isPresent();
        assertThat(txtOnly.cnameVerifiedAt()).isEmpty();
        assertThat(txtOnly.lastCheckedAt()).isPresent();
        assertThat(txtOnly.lastCheckError()).contains("CNAME points to elsewhere.example.net");
        assertThat(txtOnly.verified()).isFalse();

        CustomDomainView both = domains.recordVerification(id, true, true, Optional.empty());

        assertThat(both.verified()).isTrue();
        assertThat(both.txtVerifiedAt()).isEqualTo(txtOnly.txtVerifiedAt());
        assertThat(both.lastCheckError()).isEmpty();
        assertThat(domains.get(caller, added.id())).isEqualTo(both);

        CustomDomainView lost = domains.recordVerification(id, false, true, Optional.empty());

        assertThat(lost.txtVerifiedAt()).isEmpty();
        assertThat(lost.cnameVerifiedAt()).isEqualTo(both.cnameVerifiedAt());
    }

    @Test
    void aCertificateIsIssuedOnlyForAVerifiedDomain() {
        Caller caller = users.newCaller();
        String serviceId = newService(caller, "web");
        UUID id = UUID.fromString(domains.add(caller, serviceId, "tls.example.org").id());

        assertThatThrownBy(
                        () ->
                                domains.recordCertificateStatus(
                                        id, CertStatus.ISSUING, Optional.empty()))
                .isInstanceOf(ConflictException.class)
                .hasMessageStartingWith("certStatus: tls.example.org is not verified yet");

        domains.recordVerification(id, true, true, Optional.empty());
        assertThat(
                        domains.recordCertificateStatus(id, CertStatus.ISSUING, Optional.empty())
                                .certStatus())
                .isEqualTo(CertStatus.ISSUING);
        domains.recordCertificateStatus(id, CertStatus.READY, Optional.empty());

        assertThat(domains.list(caller, serviceId, PageRequest.firstPage()).items())
                .singleElement()
                .satisfies(d -> assertThat(d.certStatus()).isEqualTo(CertStatus.READY));
        assertThat(storedCertStatus(id)).isEqualTo("ready");
    }

    @Test
    void aFailedCertificateKeepsTheReasonWithinTheColumnLimit() {
        Caller caller = users.newCaller();
        UUID id =
                UUID.fromString(
                        domains.add(caller, newService(caller, "web"), "caa.example.org").id());

        CustomDomainView failed =
                domains.recordCertificateStatus(
                        id,
                        CertStatus.FAILED,
                        Optional.of("CAA record for caa.example.org forbids issuance"));

        assertThat(failed.certStatus()).isEqualTo(CertStatus.FAILED);
        assertThat(failed.certError()).contains("CAA record for caa.example.org forbids issuance");

        CustomDomainView longError =
                domains.recordVerification(id, false, false, Optional.of("x".repeat(5000)));
        assertThat(longError.lastCheckError().orElseThrow()).hasSize(CustomDomains.MAX_ERROR);

        assertThatThrownBy(
                        () ->
                                domains.recordVerification(
                                        UUID.randomUUID(), true, true, Optional.empty()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void listsAServicesDomainsPageByPage() {
        Caller caller = users.newCaller();
        String serviceId = newService(caller, "web");
        domains.add(caller, serviceId, "a.example.org");
        domains.add(caller, serviceId, "b.example.org");
        domains.add(caller, serviceId, "c.example.org");

        Page<CustomDomainView> first = domains.list(caller, serviceId, PageRequest.of(2, null));
        Page<CustomDomainView> second =
                domains.list(caller, serviceId, PageRequest.of(2, first.endCursor().orElseThrow()));

        assertThat(first.items())
                .extracting(CustomDomainView::domain)
                .containsExactly("a.example.org", "b.example.org");
        assertThat(second.items())
                .extracting(CustomDomainView::domain)
                .containsExactly("c.example.org");
    }

    /**
     * A live service in the caller's default project, written directly: the services bean is not
     * what these tests are about.
     */
    private String newService(Caller caller, String name) {
        ProjectView project = projects.getDefault(caller);
        return QuarkusTransaction.requiringNew()
                .call(
                        () -> {
                            Instant now = Timestamps.now();
                            Service service = new Service();
                            service.id = UUID.randomUUID();
                            service.projectId = UUID.fromString(project.id());
                            service.name = name;
                            service.hostLabel =
                                    ServiceRef.of(caller.id(), project.name(), name).hostLabel();
                            service.sourceKind = Service.SOURCE_GITHUB;
                            service.githubRepo = "octo/" + name;
                            service.branch = "main";
                            service.rootDirectory = "";
                            service.dockerfilePath = "Dockerfile";
                            service.buildStrategy = "dockerfile";
                            service.port = 8080;
                            service.memoryMi = 256;
                            service.milliCpu = 500;
                            service.createdAt = now;
                            service.updatedAt = now;
                            service.persist();
                            return service.id.toString();
                        });
    }

    private String storedToken(String domainId) {
        return (String)
                nativeSingle(
                        "select verification_token from custom_domains where id = ?1",
                        UUID.fromString(domainId));
    }

    private String storedCertStatus(UUID domainId) {
        return (String)
                nativeSingle("select cert_status from custom_domains where id = ?1", domainId);
    }

    private Object nativeSingle(String sql, Object parameter) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () ->
                                entityManager
                                        .createNativeQuery(sql)
                                        .setParameter(1, parameter)
                                        .getSingleResult());
    }
}
