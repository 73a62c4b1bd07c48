package ink.ml.deploy.deployer.worker.run.kubernetes;

import ink.ml.deploy.deployer.worker.run.RuntimeState;
import ink.ml.deploy.deployer.worker.run.RuntimeStatusReporter;
import ink.ml.deploy.domain.Clusters;
import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.ExecutionTargetKind;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.k8s.Labels;
import ink.ml.deploy.k8s.ServiceWorkload;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Makes CRASHED real on the Kubernetes target: looks at the platform's pods in every namespace at a
 * fixed pace, derives each live deployment's state from its pods ({@link PodRuntimeDerivation}) and
 * reports it through {@link RuntimeStatusReporter} when it changes.
 *
 * <p>What was reported is remembered per deployment, in memory: after a restart of this worker each
 * deployment is reported once more, which the product plane finds already recorded. A report that
 * could not be sent is tried again at the next look. The pods of a deployment that is still
 * deploying or already superseded are reported too; the product plane ignores those, so this
 * monitor needs no database.
 */
@ApplicationScoped
public class KubernetesRuntimeMonitor {
    private static final Logger LOG = Logger.getLogger(KubernetesRuntimeMonitor.class);

    private final KubernetesClient client;
    private final RuntimeStatusReporter reporter;
    private final KubernetesRuntimeConfig config;
    private final Clock clock;

    /** Per pod (uid): the app container's restart count at the previous look. */
    private final Map<String, Integer> restarts = new HashMap<>();

    /** Per deployment: what was last reported and when. */
    private final Map<DeploymentId, Reported> reported = new HashMap<>();

    private ScheduledExecutorService scheduler;
    private boolean listingFails;

    @Inject
    public KubernetesRuntimeMonitor(
            KubernetesClient client,
            RuntimeStatusReporter reporter,
            KubernetesRuntimeConfig config) {
        this(client, reporter, config, Clock.systemUTC());
    }

    KubernetesRuntimeMonitor(
            KubernetesClient client,
            RuntimeStatusReporter reporter,
            KubernetesRuntimeConfig config,
            Clock clock) {
        this.client = client;
        this.reporter = reporter;
        this.config = config;
        this.clock = clock;
    }

    /** Runs only where this deployer-worker's cluster runs workloads on Kubernetes. */
    void onStart(@Observes StartupEvent event, Clusters clusters) {
        if (clusters.home().executionTarget() == ExecutionTargetKind.KUBERNETES) {
            start();
        }
    }

    /** Starts the periodic looks. */
    void start() {
        Duration interval = config.pollInterval();
        scheduler =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread thread = new Thread(runnable, "kubernetes-runtime-monitor");
                            thread.setDaemon(true);
                            return thread;
                        });
        scheduler.scheduleWithFixedDelay(
                this::lookSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.infof("Watching the platform's pods for crashes every %s", interval);
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** Whether the periodic looks run (the execution target is Kubernetes). */
    public boolean isWatching() {
        return scheduler != null && !scheduler.isShutdown();
    }

    private void lookSafely() {
        try {
            look();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log and keep looking.
            LOG.warn("Looking at the platform's pods failed", e);
        }
    }

    /** One look: list the pods, derive, report the changes. */
    public synchronized void look() {
        Instant now = clock.instant();
        List<Pod> pods;
        try {
            pods =
                    client.pods()
                            .inAnyNamespace()
                            .withLabel(Labels.MANAGED_BY, Labels.MANAGER)
                            .list()
                            .getItems();
        } catch (KubernetesClientException e) {
            // Warned once per outage; the next look tries again.
            if (!listingFails) {
                LOG.warnf(
                        "Cannot list the platform's pods to watch for crashes: %s%s",
                        e.getMessage(),
                        e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")");
            }
            listingFails = true;
            return;
        }
        if (listingFails) {
            LOG.info("Listing the platform's pods works again");
            listingFails = false;
        }

        Map<DeploymentId, List<RuntimeVerdict>> verdicts = new LinkedHashMap<>();
        Set<String> seenPods = new HashSet<>();
        for (Pod pod : pods) {
            Optional<DeploymentId> deployment = deploymentOf(pod);
            if (deployment.isEmpty()) {
                continue;
            }
            String key = podKey(pod);
            seenPods.add(key);
            Integer previous = restarts.get(key);
            Optional<RuntimeVerdict> verdict =
                    PodRuntimeDerivation.derive(
                            pod, previous == null ? OptionalInt.empty() : OptionalInt.of(previous));
            restarts.put(key, PodRuntimeDerivation.restartCount(pod));
            List<RuntimeVerdict> list =
                    verdicts.computeIfAbsent(deployment.get(), id -> new ArrayList<>());
            verdict.ifPresent(list::add);
        }
        restarts.keySet().retainAll(seenPods);
        // A deployment whose pods are gone was removed or replaced: forget it.
        reported.keySet().retainAll(verdicts.keySet());

        verdicts.forEach(
                (deployment, list) ->
                        combine(list).ifPresent(v -> reportIfDue(deployment, v, now)));
    }

    /** One pod that runs is enough to serve (during a restart of a replica); else a crash. */
    private static Optional<RuntimeVerdict> combine(List<RuntimeVerdict> verdicts) {
        return verdicts.stream()
                .filter(v -> v.state() == RuntimeState.RUNNING)
                .findFirst()
                .or(() -> verdicts.stream().findFirst());
    }

    private void reportIfDue(DeploymentId deployment, RuntimeVerdict verdict, Instant now) {
        Reported last = reported.get(deployment);
        boolean changed = last == null || last.state() != verdict.state();
        boolean reaffirm =
                last != null
                        && last.crashedSinceStart()
                        && !now.isBefore(last.at().plus(config.reaffirmInterval()));
        if (!changed && !reaffirm) {
            return;
        }
        try {
            reporter.report(deployment, verdict.state(), verdict.reason());
        } catch (RuntimeException e) {
            // Not remembered, so the next look reports it again.
            LOG.warnf(
                    "Could not report deployment %s as %s (tried again at the next look): %s",
                    deployment, verdict.state(), e.getMessage());
            return;
        }
        boolean crashed =
                verdict.state() == RuntimeState.CRASHED
                        || (last != null && last.crashedSinceStart());
        reported.put(deployment, new Reported(verdict.state(), now, crashed));
    }

    private static Optional<DeploymentId> deploymentOf(Pod pod) {
        Map<String, String> annotations =
                pod.getMetadata() == null ? null : pod.getMetadata().getAnnotations();
        String value =
                annotations == null
                        ? null
                        : annotations.get(ServiceWorkload.DEPLOYMENT_ID_ANNOTATION);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(DeploymentId.of(value));
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
    }

    private static String podKey(Pod pod) {
        String uid = pod.getMetadata().getUid();
        return uid != null
                ? uid
                : pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    /**
     * @param crashedSinceStart whether this worker has seen the deployment crash; only those are
     *     reaffirmed, so a healthy region sends nothing while it stays healthy
     */
    private record Reported(RuntimeState state, Instant at, boolean crashedSinceStart) {}
}
