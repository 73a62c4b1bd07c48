package ink.ml.deploy.platform.domains;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.platform.TestUsers;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.common.NotFoundException;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
