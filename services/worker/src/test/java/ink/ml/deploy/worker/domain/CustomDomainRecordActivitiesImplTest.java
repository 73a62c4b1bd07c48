package ink.ml.deploy.worker.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.dnscheck.DnsResolverSettings;
import ink.ml.deploy.dnscheck.DomainRecordChecker;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.domains.CertStatus;
import ink.ml.deploy.platform.domains.CustomDomainView;
import ink.ml.deploy.platform.domains.CustomDomains;
import ink.ml.deploy.platform.domains.RecordStatus;
import ink.ml.deploy.testing.DnsServerProcess;
import ink.ml.deploy.testing.DnsZone;
import ink.ml.deploy.testing.PostgresTestResource;
import ink.ml.deploy.testing.TemporalTestServerResource;
import ink.ml.deploy.worker.ProductPlaneFixtures;
import ink.ml.deploy.workflow.domain.CertificateRecord;
import ink.ml.deploy.workflow.domain.CertificateStatus;
import ink.ml.deploy.workflow.domain.CustomDomainRequest;
import ink.ml.deploy.workflow.domain.DetachedDomain;
import ink.ml.deploy.workflow.domain.DomainResources;
import ink.ml.deploy.workflow.domain.LoadedDomain;
import ink.ml.deploy.workflow.domain.RecordsMissing;
import ink.ml.deploy.workflow.domain.RecordsOutcome;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The custom domain workflow's product-plane side against the real database, its DNS check against
 * Debian's BIND on loopback serving zones each test writes.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = TemporalTestServerResource.class, parallel = true)
class CustomDomainRecordActivitiesImplTest {
    private static DnsServerProcess dns;

    @Inject CustomDomains domains;
    @Inject CustomDomainConfig config;
    @Inject ProductPlaneFixtures fixtures;

    @BeforeAll
    static void startDns() {
        dns = DnsServerProcess.startOrSkip();
    }

    @AfterAll
    static void stopDns() {
        if (dns != null) {
            dns.close();
        }
    }

    @Test
    void bothRecordsInPlaceAreRecordedOkAndVerifyTheDomain() {
        Caller caller = fixtures.newUser();
        String zone = uniqueZone();
        CustomDomainView added = add(caller, "app." + zone);
        dns.serve(
                DnsZone.named(zone)
                        .txt("_dp-verify.app", added.records().txtValue())
                        .cname("app", added.records().cnameTarget() + "."));

        RecordsOutcome outcome = activities().checkRecords(request(added));

        assertThat(outcome).isEqualTo(RecordsOutcome.VERIFIED);
        CustomDomainView checked = domains.get(caller, added.id());
        assertThat(checked.verified()).isTrue();
        assertThat(checked.txt().status()).isEqualTo(RecordStatus.OK);
        assertThat(checked.txt().found()).contains(added.records().txtValue());
        assertThat(checked.cname().status()).isEqualTo(RecordStatus.OK);
        assertThat(checked.cname().found()).contains(added.records().cnameTarget());
        assertThat(checked.lastCheckError()).isEmpty();
        assertThat(checked.lastCheckedAt()).isPresent();
    }

    @Test
    void aMissingTxtRecordIsRecordedMissingWithWhatToAdd() {
        Caller caller = fixtures.newUser();
        String zone = uniqueZone();
        CustomDomainView added = add(caller, "app." + zone);
        dns.serve(DnsZone.named(zone).cname("app", added.records().cnameTarget() + "."));

        RecordsOutcome outcome = activities().checkRecords(request(added));

        assertThat(outcome).isEqualTo(RecordsOutcome.NOT_FOUND);
        CustomDomainView checked = domains.get(caller, added.id());
        assertThat(checked.verified()).isFalse();
        assertThat(checked.txt().status()).isEqualTo(RecordStatus.MISSING);
        assertThat(checked.txt().found()).isEmpty();
        assertThat(checked.cname().status()).isEqualTo(RecordStatus.OK);
        assertThat(checked.lastCheckError())
                .hasValueSatisfying(
                        error ->
                                assertThat(error)
                                        .contains("_dp-verify.app." + zone)
                                        .contains(added.records().txtValue()));
    }

    @Test
    void aWrongCnameIsRecordedWithWhatWasFound() {
        Caller caller = fixtures.newUser();
        String zone = uniqueZone();
        CustomDomainView added = add(caller, "app." + zone);
        dns.serve(
                DnsZone.named(zone)
                        .txt("_dp-verify.app", added.records().txtValue())
                        .cname("app", "elsewhere.example.net."));

        RecordsOutcome outcome = activities().checkRecords(request(added));

        assertThat(outcome).isEqualTo(RecordsOutcome.NOT_FOUND);
        CustomDomainView checked = domains.get(caller, added.id());
        assertThat(checked.cname().status()).isEqualTo(RecordStatus.WRONG);
        assertThat(checked.cname().found()).contains("elsewhere.example.net");
        assertThat(checked.lastCheckError()).isPresent();
    }

    @Test
    void aServerThatFailsMakesTheCheckUnreadable() {
        Caller caller = fixtures.newUser();
        String zone = uniqueZone();
        CustomDomainView added = add(caller, "app." + zone);
        dns.serve(DnsZone.failing(zone));

        RecordsOutcome outcome = activities().checkRecords(request(added));

        assertThat(outcome).isEqualTo(RecordsOutcome.UNREADABLE);
        CustomDomainView checked = domains.get(caller, added.id());
        assertThat(checked.txt().status()).isEqualTo(RecordStatus.ERROR);
        assertThat(checked.lastCheckError()).isPresent();
    }

    @Test
    void loadNamesTheResourcesWithTheServicesPortAndTheConfiguredTimings() {
        Caller caller = fixtures.newUser();
        CustomDomainView added = add(caller, "app." + uniqueZone());

        LoadedDomain loaded = activities().load(request(added));

        assertThat(loaded.exists()).isTrue();
        assertThat(loaded.active()).isFalse();
        assertThat(loaded.recordsMissingSince()).isNull();
        DomainResources resources = loaded.resources();
        assertThat(resources.domainId()).isEqualTo(added.id());
        assertThat(resources.domain()).isEqualTo(added.domain());
        assertThat(resources.userId()).isEqualTo(caller.id());
        assertThat(resources.service()).isEqualTo("web");
        assertThat(resources.region()).isEqualTo("eu-central-1");
        assertThat(resources.port()).isPositive();
        assertThat(loaded.timings().dnsWait()).isEqualTo(config.dnsWait());
        assertThat(loaded.timings().detachGrace()).isEqualTo(Duration.ofHours(72));
    }

    @Test
    void aRemovedDomainIsGoneToEveryActivity() {
        Caller caller = fixtures.newUser();
        CustomDomainView added = add(caller, "app." + uniqueZone());
        domains.remove(caller, added.id());
        var activities = activities();

        assertThat(activities.load(request(added)).exists()).isFalse();
        assertThat(activities.checkRecords(request(added))).isEqualTo(RecordsOutcome.DOMAIN_GONE);
        assertThat(
                        activities.recordCertificate(
                                new CertificateRecord(
                                        added.id(), CertificateStatus.FAILED, "no matter")))
                .isFalse();
        assertThat(activities.clearRecordsMissing(request(added))).isFalse();
    }

    @Test
    void aFlagShowsSinceWhenAndWhenTheDomainIsDetachedThenDetachingSaysWhy() {
        Caller caller = fixtures.newUser();
        CustomDomainView added = add(caller, "app." + uniqueZone());
        Instant since = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var activities = activities();

        assertThat(
                        activities.flagRecordsMissing(
                                new RecordsMissing(
                                        added.id(), since, since.plus(Duration.ofHours(72)))))
                .isTrue();

        CustomDomainView flagged = domains.get(caller, added.id());
        assertThat(flagged.recordsMissing())
                .hasValueSatisfying(
                        missing -> {
                            assertThat(missing.since()).isEqualTo(since);
                            assertThat(missing.message())
                                    .isEqualTo(
                                            "records not found since "
                                                    + since
                                                    + "; the domain is detached after "
                                                    + since.plus(Duration.ofHours(72))
                                                    + " unless they are back by then");
                        });

        activities.detach(new DetachedDomain(added.id(), "detached: its DNS records went away"));

        CustomDomainView detached = domains.get(caller, added.id());
        assertThat(detached.recordsMissing()).isEmpty();
        assertThat(detached.certStatus()).isEqualTo(CertStatus.PENDING_VERIFICATION);
        assertThat(detached.certError()).contains("detached: its DNS records went away");
    }

    @Test
    void aClearedFlagIsGone() {
        Caller caller = fixtures.newUser();
        CustomDomainView added = add(caller, "app." + uniqueZone());
        Instant since = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var activities = activities();
        activities.flagRecordsMissing(new RecordsMissing(added.id(), since, since.plusSeconds(60)));

        assertThat(activities.clearRecordsMissing(request(added))).isTrue();

        assertThat(domains.get(caller, added.id()).recordsMissing()).isEmpty();
    }

    @Test
    void deletedServicesDomainsAreReleased() {
        Caller caller = fixtures.newUser();
        CustomDomainView added = add(caller, "app." + uniqueZone());

        domains.releaseServiceDomains(UUID.fromString(added.serviceId()));

        assertThatThrownBy(() -> domains.get(caller, added.id()))
                .isInstanceOf(NotFoundException.class);
    }

    private CustomDomainRecordActivitiesImpl activities() {
        DomainRecordChecker checker =
                new DomainRecordChecker(
                        new DnsResolverSettings(
                                List.of(dns.host() + ":" + dns.port()), Duration.ofMillis(500), 1));
        return new CustomDomainRecordActivitiesImpl(domains, checker, config);
    }

    private CustomDomainView add(Caller caller, String domain) {
        UUID service =
                fixtures.githubService(
                        caller, "web", fixtures.uniqueRepository(), "main", Map.of());
        return domains.add(caller, service.toString(), domain);
    }

    private static CustomDomainRequest request(CustomDomainView domain) {
        return new CustomDomainRequest(domain.id());
    }

    private static String uniqueZone() {
        byte[] bytes = new byte[4];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "shop-" + HexFormat.of().formatHex(bytes) + ".com";
    }
}
