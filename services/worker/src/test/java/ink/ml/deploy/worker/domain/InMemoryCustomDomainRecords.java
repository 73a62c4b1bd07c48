package ink.ml.deploy.worker.domain;

import ink.ml.deploy.worker.WorkflowTestDoubles;
import ink.ml.deploy.worker.deploy.RecordFailures;
import ink.ml.deploy.workflow.domain.CertificateRecord;
import ink.ml.deploy.workflow.domain.CertificateStatus;
import ink.ml.deploy.workflow.domain.CustomDomainRecordActivities;
import ink.ml.deploy.workflow.domain.CustomDomainRequest;
import ink.ml.deploy.workflow.domain.DetachedDomain;
import ink.ml.deploy.workflow.domain.DomainResources;
import ink.ml.deploy.workflow.domain.DomainTimings;
import ink.ml.deploy.workflow.domain.LoadedDomain;
import ink.ml.deploy.workflow.domain.RecordsMissing;
import ink.ml.deploy.workflow.domain.RecordsOutcome;
import io.quarkiverse.temporal.TemporalActivity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test double of the custom domain's product-plane side: one domain, whose DNS checks answer as the
 * test scripts (the last answer stays), and whose recorded statuses, flags and detachment the test
 * reads back.
 */
@TemporalActivity(workers = WorkflowTestDoubles.WORKER)
public class InMemoryCustomDomainRecords implements CustomDomainRecordActivities {
    /** The production defaults of {@code mcpdeploy.domains.*}. */
    public static final DomainTimings DEFAULTS =
            new DomainTimings(
                    Duration.ofSeconds(15),
                    Duration.ofMinutes(5),
                    Duration.ofHours(1),
                    Duration.ofSeconds(5),
                    Duration.ofMinutes(1),
                    Duration.ofMinutes(30),
                    Duration.ofHours(6),
                    Duration.ofHours(72),
                    100);

    private final DomainResources resources;
    private volatile DomainTimings timings = DEFAULTS;
    private volatile boolean exists = true;
    private volatile boolean active;
    private volatile boolean verifiedAtCertificate = true;
    private volatile Instant missingSince;
    private final Deque<RecordsOutcome> outcomes = new ArrayDeque<>();
    private final AtomicInteger checks = new AtomicInteger();
    private final AtomicInteger loads = new AtomicInteger();
    private final List<CertificateRecord> certificates =
            Collections.synchronizedList(new ArrayList<>());
    private final List<RecordsMissing> flags = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger cleared = new AtomicInteger();
    private final List<DetachedDomain> detached = Collections.synchronizedList(new ArrayList<>());

    public InMemoryCustomDomainRecords(DomainResources resources) {
        this.resources = resources;
    }

    /** For Quarkus, which indexes test doubles too; never used there. */
    public InMemoryCustomDomainRecords() {
        this(null);
    }

    public InMemoryCustomDomainRecords timings(DomainTimings value) {
        timings = value;
        return this;
    }

    /** The domain is served already: the run goes straight to its rechecks. */
    public InMemoryCustomDomainRecords active() {
        active = true;
        return this;
    }

    /** The DNS checks' answers, one per check; the last one repeats. */
    public synchronized InMemoryCustomDomainRecords checks(RecordsOutcome... scripted) {
        outcomes.clear();
        outcomes.addAll(List.of(scripted));
        return this;
    }

    /**
     * The records are found gone after the check that verified them, so the product plane refuses a
     * READY certificate as it does for an unverified domain.
     */
    public InMemoryCustomDomainRecords unverifiedByTheCertificate() {
        verifiedAtCertificate = false;
        return this;
    }

    /** The domain's row goes (removed, or its service deleted). */
    public void remove() {
        exists = false;
    }

    @Override
    public LoadedDomain load(CustomDomainRequest request) {
        loads.incrementAndGet();
        if (!exists) {
            return LoadedDomain.gone(timings);
        }
        return new LoadedDomain(true, resources, active, missingSince, timings);
    }

    @Override
    public synchronized RecordsOutcome checkRecords(CustomDomainRequest request) {
        checks.incrementAndGet();
        if (!exists) {
            return RecordsOutcome.DOMAIN_GONE;
        }
        return outcomes.size() > 1 ? outcomes.poll() : outcomes.peek();
    }

    @Override
    public boolean recordCertificate(CertificateRecord record) {
        if (!exists) {
            return false;
        }
        if (!verifiedAtCertificate && record.status() == CertificateStatus.READY) {
            throw RecordFailures.invalid(
                    new IllegalStateException(
                            "certStatus: "
                                    + resources.domain()
                                    + " is not verified yet: its certificate cannot be ready"));
        }
        certificates.add(record);
        return true;
    }

    @Override
    public boolean flagRecordsMissing(RecordsMissing missing) {
        if (!exists) {
            return false;
        }
        flags.add(missing);
        missingSince = missing.since();
        return true;
    }

    @Override
    public boolean clearRecordsMissing(CustomDomainRequest request) {
        if (!exists) {
            return false;
        }
        cleared.incrementAndGet();
        missingSince = null;
        return true;
    }

    @Override
    public boolean detach(DetachedDomain domain) {
        if (!exists) {
            return false;
        }
        detached.add(domain);
        active = false;
        missingSince = null;
        return true;
    }

    public int checks() {
        return checks.get();
    }

    public int loads() {
        return loads.get();
    }

    public List<CertificateRecord> certificates() {
        synchronized (certificates) {
            return List.copyOf(certificates);
        }
    }

    public List<RecordsMissing> flags() {
        synchronized (flags) {
            return List.copyOf(flags);
        }
    }

    public int cleared() {
        return cleared.get();
    }

    public List<DetachedDomain> detached() {
        synchronized (detached) {
            return List.copyOf(detached);
        }
    }
}
