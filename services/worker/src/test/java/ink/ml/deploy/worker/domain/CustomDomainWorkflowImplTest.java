package ink.ml.deploy.worker.domain;

import static ink.ml.deploy.workflow.domain.CertificatePhase.ISSUING;
import static ink.ml.deploy.workflow.domain.CertificatePhase.READY;
import static ink.ml.deploy.workflow.domain.RecordsOutcome.DOMAIN_GONE;
import static ink.ml.deploy.workflow.domain.RecordsOutcome.NOT_FOUND;
import static ink.ml.deploy.workflow.domain.RecordsOutcome.UNREADABLE;
import static ink.ml.deploy.workflow.domain.RecordsOutcome.VERIFIED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ink.ml.deploy.domain.Region;
import ink.ml.deploy.domain.TaskQueues;
import ink.ml.deploy.workflow.WorkflowIds;
import ink.ml.deploy.workflow.domain.CertificateRecord;
import ink.ml.deploy.workflow.domain.CertificateState;
import ink.ml.deploy.workflow.domain.CertificateStatus;
import ink.ml.deploy.workflow.domain.CustomDomainRequest;
import ink.ml.deploy.workflow.domain.CustomDomainWorkflow;
import ink.ml.deploy.workflow.domain.DomainResources;
import ink.ml.deploy.workflow.domain.DomainTimings;
import ink.ml.deploy.workflow.domain.RecordsMissing;
import ink.ml.deploy.workflow.domain.RecordsOutcome;
import ink.ml.deploy.workflow.domain.RemoveCustomDomainWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The custom domain workflows with time skipping: the product plane's side in memory, the cluster's
 * a recording test double on {@code deployer-eu-central-1} whose certificate states the tests flip.
 */
@Timeout(60)
class CustomDomainWorkflowImplTest {
    private static final String REGION = "eu-central-1";
    private final UUID domainId = UUID.randomUUID();
    private final DomainResources resources =
            new DomainResources(
                    domainId.toString(), "app.shop.com", "u7k2m9", "shop", "web", REGION, 8080);
    private final CustomDomainRequest request = new CustomDomainRequest(domainId.toString());

    private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
    private final WorkflowClient client = env.getWorkflowClient();
    private final InMemoryCustomDomainRecords records = new InMemoryCustomDomainRecords(resources);
    private final RecordingCustomDomainActivities cluster = new RecordingCustomDomainActivities();

    @AfterEach
    void closeTemporal() {
        env.close();
    }

    private void start() {
        Worker worker = env.newWorker(TaskQueues.DEFAULT);
        worker.registerWorkflowImplementationTypes(
                CustomDomainWorkflowImpl.class, RemoveCustomDomainWorkflowImpl.class);
        worker.registerActivitiesImplementations(records);
        env.newWorker(TaskQueues.deployer(Region.of(REGION)))
                .registerActivitiesImplementations(cluster);
        env.start();
    }

    @Test
    void verifiedRecordsLeadThroughBothPhasesToReady() {
        records.checks(NOT_FOUND, NOT_FOUND, VERIFIED, DOMAIN_GONE);
        cluster.certificate(state(ISSUING), state(ISSUING), state(READY));
        start();

        workflow().run(request);

        assertThat(records.certificates())
                .extracting(CertificateRecord::status)
                .containsExactly(CertificateStatus.ISSUING, CertificateStatus.READY);
        assertThat(cluster.changes())
                .containsExactly("request app.shop.com", "serve app.shop.com:8080");
        assertThat(cluster.served()).isTrue();
    }

    @Test
    void aCertificateTheProductPlaneRefusesAsUnverifiedIsTakenOffAndFailedWithItsReason() {
        records.checks(VERIFIED).unverifiedByTheCertificate();
        cluster.certificate(state(READY));
        start();

        workflow().run(request);

        assertThat(records.certificates())
                .containsExactly(
                        new CertificateRecord(domainId.toString(), CertificateStatus.ISSUING, ""),
                        new CertificateRecord(
                                domainId.toString(),
                                CertificateStatus.FAILED,
                                "the certificate was not recorded: certStatus: app.shop.com is"
                                        + " not verified yet: its certificate cannot be ready"));
        assertThat(cluster.changes())
                .containsExactly(
                        "request app.shop.com", "serve app.shop.com:8080", "remove app.shop.com");
        assertThat(cluster.served()).isFalse();
    }

    @Test
    void aRefusalThatCannotChangeEndsInFailedWithTheIssuersReason() {
        records.checks(VERIFIED);
        cluster.certificate(
                state(ISSUING),
                CertificateState.failed(
                        "CAA record for shop.com prevents issuance by letsencrypt.org", false));
        start();

        workflow().run(request);

        assertThat(records.certificates())
                .containsExactly(
                        new CertificateRecord(domainId.toString(), CertificateStatus.ISSUING, ""),
                        new CertificateRecord(
                                domainId.toString(),
                                CertificateStatus.FAILED,
                                "CAA record for shop.com prevents issuance by letsencrypt.org"));
        assertThat(cluster.changes()).containsExactly("request app.shop.com");
        assertThat(cluster.served()).isFalse();
    }

    @Test
    void aRetryableFailureIsAskedForAgainWithinTheBound() {
        records.checks(VERIFIED, DOMAIN_GONE);
        cluster.certificate(
                state(ISSUING),
                CertificateState.failed("rate limited: too many new orders", true),
                state(ISSUING),
                state(READY));
        start();

        workflow().run(request);

        assertThat(cluster.changes())
                .containsExactly(
                        "request app.shop.com", "request app.shop.com", "serve app.shop.com:8080");
        assertThat(records.certificates())
                .extracting(CertificateRecord::status)
                .containsExactly(CertificateStatus.ISSUING, CertificateStatus.READY);
    }

    @Test
    void aCertificateNotIssuedWithinTheWaitFailsWithTheLastReasonSeen() {
        records.checks(VERIFIED);
        cluster.certificate(
                new CertificateState(
                        ISSUING, "waiting for the HTTP-01 challenge to be answered", false));
        start();

        workflow().run(request);

        assertThat(records.certificates())
                .last()
                .isEqualTo(
                        new CertificateRecord(
                                domainId.toString(),
                                CertificateStatus.FAILED,
                                "the certificate was not issued within 30 min: waiting for the"
                                        + " HTTP-01 challenge to be answered"));
        assertThat(cluster.served()).isFalse();
    }

    @Test
    void verifyNowChecksTheRecordsAtOnceDuringTheWait() {
        // Pauses of an hour: a second check within seconds can only come from the signal.
        records.timings(
                        timings(
                                Duration.ofHours(1),
                                Duration.ofHours(1),
                                Duration.ofHours(6),
                                Duration.ofHours(72),
                                100))
                .checks(NOT_FOUND, VERIFIED, DOMAIN_GONE);
        cluster.certificate(state(READY));
        start();
        CustomDomainWorkflow workflow = workflow();
        WorkflowClient.start(workflow::run, request);
        await().atMost(Duration.ofSeconds(20)).until(() -> records.checks() == 1);

        workflow.verifyNow();

        await().atMost(Duration.ofSeconds(20)).until(() -> records.certificates().size() == 2);
        assertThat(records.checks()).isEqualTo(2);
        assertThat(records.certificates())
                .extracting(CertificateRecord::status)
                .containsExactly(CertificateStatus.ISSUING, CertificateStatus.READY);
        WorkflowStub.fromTyped(workflow).terminate("test over");
    }

    @Test
    void recordsThatWentAwayAreFlaggedThenDetachedAfterTheGrace() {
        records.active().checks(VERIFIED, NOT_FOUND);
        start();

        workflow().run(request);

        assertThat(records.flags()).hasSize(1);
        RecordsMissing flag = records.flags().get(0);
        assertThat(Duration.between(flag.since(), flag.detachAfter()))
                .isEqualTo(Duration.ofHours(72));
        // The first recheck, still verified, asks for renewal; the detach takes the domain away.
        assertThat(cluster.changes())
                .containsExactly("request app.shop.com", "remove app.shop.com");
        assertThat(records.detached())
                .singleElement()
                .satisfies(
                        detached ->
                                assertThat(detached.reason())
                                        .startsWith(
                                                "detached: its DNS records were not found since "
                                                        + flag.since())
                                        .contains("more than 72 h")
                                        .contains("app.shop.com is no longer served"));
        assertThat(records.cleared()).isZero();
    }

    @Test
    void recordsThatComeBackClearTheFlag() {
        records.active().checks(NOT_FOUND, UNREADABLE, VERIFIED, DOMAIN_GONE);
        start();

        workflow().run(request);

        assertThat(records.flags()).hasSize(1);
        assertThat(records.cleared()).isEqualTo(1);
        assertThat(records.detached()).isEmpty();
        // Only the renewal's ask once the records are back: nothing is taken away.
        assertThat(cluster.changes()).containsExactly("request app.shop.com");
    }

    @Test
    void eachVerifiedRecheckAsksForRenewalServesTheCurrentCertificateAndRecordsAFailedRenewal() {
        records.active().checks(VERIFIED, VERIFIED, DOMAIN_GONE);
        cluster.certificate(
                state(READY),
                CertificateState.failed(
                        "too many certificates already issued for this exact set of domains",
                        true));
        start();

        workflow().run(request);

        assertThat(cluster.changes())
                .containsExactly(
                        "request app.shop.com", "serve app.shop.com:8080", "request app.shop.com");
        assertThat(records.certificates())
                .containsExactly(
                        new CertificateRecord(domainId.toString(), CertificateStatus.READY, ""),
                        new CertificateRecord(
                                domainId.toString(),
                                CertificateStatus.FAILED,
                                "renewal failed: too many certificates already issued for this"
                                        + " exact set of domains"));
    }

    @Test
    void unreadableDnsNeitherFlagsNorDetaches() {
        records.timings(
                        timings(
                                Duration.ofSeconds(15),
                                Duration.ofMinutes(30),
                                Duration.ofHours(6),
                                Duration.ofHours(72),
                                20))
                .active()
                .checks(unreadableThenGone(20));
        start();

        workflow().run(request);

        // 20 rechecks over 120 h, longer than the grace, each unreadable; then a new run, gone.
        assertThat(records.flags()).isEmpty();
        assertThat(records.detached()).isEmpty();
        assertThat(cluster.changes()).isEmpty();
    }

    @Test
    void aRunContinuesAsNewAfterItsRechecks() {
        records.timings(
                        timings(
                                Duration.ofSeconds(15),
                                Duration.ofMinutes(30),
                                Duration.ofHours(6),
                                Duration.ofHours(72),
                                2))
                .active()
                .checks(VERIFIED, VERIFIED, VERIFIED, DOMAIN_GONE);
        start();

        workflow().run(request);

        assertThat(records.loads()).isEqualTo(2);
        assertThat(records.checks()).isEqualTo(4);
    }

    @Test
    void aDomainRemovedBeforeItsRunStartsEndsIt() {
        records.remove();
        start();

        workflow().run(request);

        assertThat(records.checks()).isZero();
        assertThat(cluster.calls()).isEmpty();
    }

    @Test
    void removingTheDomainWhileItsCertificateIsIssuingTakesBackWhatWasAsked() {
        records.checks(VERIFIED);
        cluster.certificate(state(ISSUING));
        start();
        CustomDomainWorkflow workflow = workflow();
        WorkflowClient.start(workflow::run, request);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> cluster.changes().contains("request app.shop.com"));

        records.remove();
        WorkflowStub.fromTyped(workflow).cancel();

        assertThatThrownBy(() -> WorkflowStub.fromTyped(workflow).getResult(Void.class))
                .isInstanceOf(WorkflowFailedException.class)
                .hasCauseInstanceOf(CanceledFailure.class);
        assertThat(cluster.changes()).last().isEqualTo("remove app.shop.com");
        assertThat(cluster.served()).isFalse();
    }

    @Test
    void aDomainRemovedWithoutCancellationIsTakenBackWhenItsRunNextRecords() {
        records.checks(VERIFIED);
        cluster.certificate(state(ISSUING));
        start();
        CustomDomainWorkflow workflow = workflow();
        WorkflowClient.start(workflow::run, request);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> cluster.changes().contains("request app.shop.com"));

        records.remove();
        WorkflowStub.fromTyped(workflow).getResult(Void.class);

        assertThat(cluster.changes()).last().isEqualTo("remove app.shop.com");
        assertThat(records.certificates())
                .extracting(CertificateRecord::status)
                .containsExactly(CertificateStatus.ISSUING);
    }

    @Test
    void removingTwiceSucceedsBothTimes() {
        start();

        removal().remove(resources);
        removal().remove(resources);

        assertThat(cluster.changes()).containsExactly("remove app.shop.com", "remove app.shop.com");
    }

    private CustomDomainWorkflow workflow() {
        return client.newWorkflowStub(
                CustomDomainWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setTaskQueue(TaskQueues.DEFAULT)
                        .setWorkflowId(WorkflowIds.customDomain(domainId))
                        .build());
    }

    /** The same workflow id each time: the second removal runs after the first has closed. */
    private RemoveCustomDomainWorkflow removal() {
        return client.newWorkflowStub(
                RemoveCustomDomainWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setTaskQueue(TaskQueues.DEFAULT)
                        .setWorkflowId(WorkflowIds.removeCustomDomain(domainId))
                        .build());
    }

    private static RecordsOutcome[] unreadableThenGone(int unreadable) {
        RecordsOutcome[] outcomes = new RecordsOutcome[unreadable + 1];
        Arrays.fill(outcomes, UNREADABLE);
        outcomes[unreadable] = DOMAIN_GONE;
        return outcomes;
    }

    private static CertificateState state(ink.ml.deploy.workflow.domain.CertificatePhase phase) {
        return CertificateState.of(phase);
    }

    private static DomainTimings timings(
            Duration dnsCheckFirst,
            Duration dnsCheckMax,
            Duration recheck,
            Duration grace,
            int rechecks) {
        DomainTimings d = InMemoryCustomDomainRecords.DEFAULTS;
        return new DomainTimings(
                dnsCheckFirst,
                dnsCheckMax,
                d.dnsWait(),
                d.certificatePollFirst(),
                d.certificatePollMax(),
                d.certificateWait(),
                recheck,
                grace,
                rechecks);
    }
}
