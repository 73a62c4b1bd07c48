package ink.ml.deploy.worker.domain;

import ink.ml.deploy.worker.WorkflowTestDoubles;
import ink.ml.deploy.workflow.domain.CertificatePhase;
import ink.ml.deploy.workflow.domain.CertificateState;
import ink.ml.deploy.workflow.domain.CustomDomainActivities;
import ink.ml.deploy.workflow.domain.DomainResources;
import io.quarkiverse.temporal.TemporalActivity;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * Test double of the cluster's side of a custom domain, on the deployer queue: the certificate goes
 * through the states the test scripts (the last one stays), and every call is recorded. Removing
 * what is gone succeeds, as on a real cluster.
 */
@TemporalActivity(workers = WorkflowTestDoubles.WORKER)
public class RecordingCustomDomainActivities implements CustomDomainActivities {
    private final Deque<CertificateState> states = new ArrayDeque<>();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean served;

    /** The states the certificate answers with, one per look; the last one repeats. */
    public synchronized RecordingCustomDomainActivities certificate(CertificateState... scripted) {
        states.clear();
        states.addAll(List.of(scripted));
        return this;
    }

    @Override
    public void requestCertificate(DomainResources resources) {
        calls.add("request " + resources.domain());
    }

    @Override
    public synchronized CertificateState certificateState(DomainResources resources) {
        CertificateState scripted = states.size() > 1 ? states.poll() : states.peek();
        CertificateState state =
                scripted == null ? CertificateState.of(CertificatePhase.NOT_REQUESTED) : scripted;
        calls.add("state " + state.phase());
        return state;
    }

    @Override
    public void serveTls(DomainResources resources) {
        served = true;
        calls.add("serve " + resources.domain() + ":" + resources.port());
    }

    @Override
    public void removeDomain(DomainResources resources) {
        served = false;
        calls.add("remove " + resources.domain());
    }

    /** Every call, in order. */
    public List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** The calls that changed the cluster (no reads). */
    public List<String> changes() {
        return calls().stream().filter(call -> !call.startsWith("state ")).toList();
    }

    /** Whether the domain is served over TLS now. */
    public boolean served() {
        return served;
    }
}
