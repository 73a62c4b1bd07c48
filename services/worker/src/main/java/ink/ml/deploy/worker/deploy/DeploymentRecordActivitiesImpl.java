package ink.ml.deploy.worker.deploy;

import ink.ml.deploy.domain.BuildCommand;
import ink.ml.deploy.domain.BuildSettings;
import ink.ml.deploy.domain.Clusters;
import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.domain.DeploymentStep;
import ink.ml.deploy.domain.EventStatus;
import ink.ml.deploy.domain.IllegalStatusTransitionException;
import ink.ml.deploy.domain.ImageRef;
import ink.ml.deploy.domain.InternalRepoPath;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.domain.RegistryHost;
import ink.ml.deploy.domain.RepoName;
import ink.ml.deploy.domain.SourceKind;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.deployments.BuildSlotClaim;
import ink.ml.deploy.platform.deployments.BuildSlots;
import ink.ml.deploy.platform.deployments.ConfigSnapshot;
import ink.ml.deploy.platform.deployments.Deployment;
import ink.ml.deploy.platform.deployments.DeploymentRecords;
import ink.ml.deploy.platform.deployments.DeploymentSnapshot;
import ink.ml.deploy.platform.github.GithubAccountView;
import ink.ml.deploy.platform.github.GithubAccounts;
import ink.ml.deploy.workflow.deploy.AppendBuildLogRequest;
import ink.ml.deploy.workflow.deploy.AppendEventRequest;
import ink.ml.deploy.workflow.deploy.ClaimBuildSlotRequest;
import ink.ml.deploy.workflow.deploy.ClaimBuildSlotResult;
import ink.ml.deploy.workflow.deploy.DeploymentPlan;
import ink.ml.deploy.workflow.deploy.DeploymentRecordActivities;
import ink.ml.deploy.workflow.deploy.LoadPlanRequest;
import ink.ml.deploy.workflow.deploy.MarkStatusRequest;
import ink.ml.deploy.workflow.deploy.MarkStatusResult;
import ink.ml.deploy.workflow.deploy.RecordImageRequest;
import ink.ml.deploy.workflow.metrics.DeploymentOutcomeMeter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The deploy workflow's product-plane side, over libs/platform {@link DeploymentRecords}. Every
 * method is safe to retry: a status already reached, an image already recorded and log lines
 * already stored are not written twice. A move the status rules refuse fails with {@link
 * DeploymentRecordActivities#STALE_DEPLOYMENT}: a newer deployment has taken over.
 */
@ApplicationScoped
public class DeploymentRecordActivitiesImpl implements DeploymentRecordActivities {
    private final DeploymentRecords records;
    private final GithubAccounts githubAccounts;

    /**
     * Images are {@code {registry of the project's
     * cluster}/dp-{user}-{project}/{service}:{sha}-{fingerprint}} ({@link ImageRef}).
     */
    private final Clusters clusters;

    private final BuildSlots buildSlots;
    private final BuildSlotLimits limits;

    /** Counted here, once the end is stored: workflow code must stay deterministic. */
    private final DeploymentOutcomeMeter outcomes;

    @Inject
    public DeploymentRecordActivitiesImpl(
            DeploymentRecords records,
            GithubAccounts githubAccounts,
            Clusters clusters,
            BuildSlots buildSlots,
            BuildSlotsConfig buildSlotsConfig,
            MeterRegistry meters) {
        this.records = records;
        this.githubAccounts = githubAccounts;
        this.clusters = clusters;
        this.buildSlots = buildSlots;
        this.limits = BuildSlotLimits.of(buildSlotsConfig);
        this.outcomes = new DeploymentOutcomeMeter(meters);
    }

    /**
     * For code that wires the worker's activities by hand: the default build slot limits, and
     * counts in a registry nobody exports.
     */
    public DeploymentRecordActivitiesImpl(
            DeploymentRecords records, GithubAccounts githubAccounts, Clusters clusters) {
        this.records = records;
        this.githubAccounts = githubAccounts;
        this.clusters = clusters;
        this.buildSlots = new BuildSlots(Deployment.getEntityManager(), records);
        this.limits = BuildSlotLimits.DEFAULT;
        this.outcomes = new DeploymentOutcomeMeter(new SimpleMeterRegistry());
    }

    @Override
    public DeploymentPlan loadPlan(LoadPlanRequest request) {
        UUID id = deploymentId(request.deploymentId());
        DeploymentSnapshot snapshot = snapshot(id);
        ConfigSnapshot config = snapshot.config();
        ConfigSnapshot.Source source = config.source();
        Optional<ImageRef> existing = snapshot.image();
        BuildSettings settings = parse(config::buildSettings);
        // The settings' fingerprint is in the tag: the registry's image of this commit is reused
        // only when it was built with the same settings.
        ImageRef image =
                existing.orElseGet(
                        () ->
                                ImageRef.of(
                                        registryOf(snapshot),
                                        snapshot.service(),
                                        snapshot.commit(),
                                        settings));
        Map<String, String> env = new TreeMap<>();
        snapshot.env().forEach((name, value) -> env.put(name.value(), value));
        var target =
                new DeploymentPlan.Target(
                        snapshot.serviceId().toString(),
                        snapshot.service().user().value(),
                        snapshot.service().project().value(),
                        snapshot.service().service().value(),
                        snapshot.region().id());
        var from =
                new DeploymentPlan.Source(
                        parse(() -> SourceKind.fromValue(source.kind())),
                        source.fromGithub()
                                ? source.githubRepo()
                                : internalRepoPath(snapshot, source),
                        source.fromGithub() ? installationOf(snapshot) : null,
                        config.branch(),
                        snapshot.commit().value());
        var build =
                new DeploymentPlan.BuildSettings(
                        settings.rootDirectory().value(),
                        settings.dockerfilePath().value(),
                        settings.strategy(),
                        settings.installCommand().map(BuildCommand::value).orElse(null),
                        settings.buildCommand().map(BuildCommand::value).orElse(null),
                        settings.startCommand().map(BuildCommand::value).orElse(null));
        var runtime =
                new DeploymentPlan.Runtime(
                        config.port(), config.memoryMi(), config.milliCpu(), env);
        return existing.isPresent()
                ? DeploymentPlan.reusing(
                        id.toString(), target, from, build, runtime, existing.get().reference())
                : DeploymentPlan.toBuild(
                        id.toString(), target, from, build, runtime, image.reference());
    }

    /**
     * The registry of the cluster in the project's region, where its deployer pushes. A region no
     * cluster serves cannot be deployed to: no deployer polls its queue, so the plan is refused.
     */
    private RegistryHost registryOf(DeploymentSnapshot snapshot) {
        return parse(() -> clusters.of(snapshot.region()).registry());
    }

    /**
     * What the deployer clones an internal repository by: its path on the git-server, {@code
     * {user}/{project}/{repo}} (the read token it signs is for that path).
     */
    private static String internalRepoPath(
            DeploymentSnapshot snapshot, ConfigSnapshot.Source source) {
        return new InternalRepoPath(
                        snapshot.service().user(),
                        snapshot.service().project(),
                        RepoName.of(source.internalRepoName()))
                .value();
    }

    @Override
    public MarkStatusResult markStatus(MarkStatusRequest request) {
        UUID id = deploymentId(request.deploymentId());
        DeploymentStatus target = request.status();
        DeploymentStatus current = status(id);
        if (current == target) {
            // A retry of a move that already happened (the worker died before reporting it).
            return new MarkStatusResult(current);
        }
        MarkStatusResult moved;
        try {
            // Status and its event in one transaction: a retry finds both or neither.
            moved =
                    QuarkusTransaction.requiringNew()
                            .call(
                                    () -> {
                                        var stored =
                                                records.transition(
                                                        id,
                                                        target,
                                                        Optional.ofNullable(request.errorStep())
                                                                .map(DeploymentStep::value),
                                                        Optional.ofNullable(
                                                                request.errorMessage()));
                                        records.appendEvent(
                                                id,
                                                request.step(),
                                                eventStatusOf(target),
                                                request.message());
                                        return new MarkStatusResult(
                                                DeploymentStatus.fromValue(stored.status()));
                                    });
        } catch (IllegalStatusTransitionException e) {
            throw RecordFailures.stale(id, e.from());
        }
        // After the commit, and not for a retry that found the status already reached (above).
        outcomes.ended(moved.status());
        return moved;
    }

    @Override
    public ClaimBuildSlotResult claimBuildSlot(ClaimBuildSlotRequest request) {
        UUID id = deploymentId(request.deploymentId());
        DeploymentStep step = request.step();
        BuildSlotClaim claim;
        try {
            // Its own transaction, opened here: the user's lock must last to the commit even
            // where BuildSlots is not a CDI bean (hand-wired test workers).
            claim =
                    QuarkusTransaction.requiringNew()
                            .call(
                                    () ->
                                            buildSlots.claim(
                                                    id, limits.perUser(), step, request.message()));
        } catch (NotFoundException e) {
            throw RecordFailures.notFound("deployment", id.toString());
        } catch (IllegalStatusTransitionException e) {
            throw RecordFailures.stale(id, e.from());
        }
        return new ClaimBuildSlotResult(
                claim.claimed(),
                claim.running(),
                claim.limit(),
                claim.claimed() ? 0 : limits.recheckAfter(request.attempt()).toMillis());
    }

    @Override
    public void recordImage(RecordImageRequest request) {
        UUID id = deploymentId(request.deploymentId());
        DeploymentSnapshot snapshot = snapshot(id);
        ImageRef image = ownImage(snapshot, request.imageRef());
        if (snapshot.image().filter(image::equals).isPresent()) {
            // A retry: the image and its event were stored together before.
            return;
        }
        try {
            QuarkusTransaction.requiringNew()
                    .run(
                            () -> {
                                records.setImage(id, image);
                                if (request.builtMessage() != null) {
                                    records.appendEvent(
                                            id,
                                            DeploymentStep.BUILD,
                                            EventStatus.SUCCEEDED,
                                            request.builtMessage());
                                }
                            });
        } catch (ConflictException e) {
            throw RecordFailures.stale(id, status(id));
        }
    }

    @Override
    public void appendEvent(AppendEventRequest request) {
        UUID id = deploymentId(request.deploymentId());
        try {
            if (request.eventKey() == null) {
                records.appendEvent(id, request.step(), request.status(), request.message());
            } else {
                // A local activity runs again when its worker died before the workflow task that
                // ran it completed: the key makes the second write a no-op.
                records.appendEventOnce(
                        id,
                        request.eventKey(),
                        request.step(),
                        request.status(),
                        request.message());
            }
        } catch (InvalidValueException e) {
            throw RecordFailures.invalid(e);
        } catch (NotFoundException e) {
            throw RecordFailures.notFound("deployment", id.toString());
        }
    }

    @Override
    public void appendBuildLog(AppendBuildLogRequest request) {
        UUID id = deploymentId(request.deploymentId());
        try {
            records.appendLogLines(id, request.firstLineNo(), request.lines());
        } catch (NotFoundException e) {
            throw RecordFailures.notFound("deployment", id.toString());
        } catch (InvalidValueException e) {
            throw RecordFailures.invalid(e);
        }
    }

    /** The event a status move appends: how the step it names went. */
    static EventStatus eventStatusOf(DeploymentStatus target) {
        return switch (target) {
            case ACTIVE -> EventStatus.SUCCEEDED;
            case FAILED -> EventStatus.FAILED;
            case CANCELLED, SUPERSEDED, CRASHED, REMOVED -> EventStatus.INFO;
            case QUEUED, BUILDING, DEPLOYING -> EventStatus.STARTED;
        };
    }

    /**
     * The image the build reported, which must be this deployment's: same repository and tag as the
     * plan named, on whatever registry the cluster pushed to. A plan loaded before tags carried the
     * build settings' fingerprint named the sha alone; that tag is this deployment's too.
     */
    private static ImageRef ownImage(DeploymentSnapshot snapshot, String reference) {
        ImageRef planned =
                ImageRef.of(
                        RegistryHost.DEFAULT,
                        snapshot.service(),
                        snapshot.commit(),
                        parse(() -> snapshot.config().buildSettings()));
        ImageRef shaOnly = ImageRef.of(RegistryHost.DEFAULT, snapshot.service(), snapshot.commit());
        ImageRef reported;
        try {
            reported = ImageRef.parse(reference);
        } catch (InvalidValueException e) {
            throw notOwnImage(reference, planned);
        }
        ImageRef onDefault = reported.on(RegistryHost.DEFAULT);
        if (!onDefault.equals(planned) && !onDefault.equals(shaOnly)) {
            throw notOwnImage(reference, planned);
        }
        return reported;
    }

    private static RuntimeException notOwnImage(String reference, ImageRef planned) {
        return RecordFailures.invalid(
                new InvalidValueException(
                        "imageRef",
                        "the build reported "
                                + reference
                                + ", which is not an image of this deployment (…/"
                                + planned.repository()
                                + ":"
                                + planned.tag()
                                + ")"));
    }

    private Long installationOf(DeploymentSnapshot snapshot) {
        return githubAccounts
                .find(Caller.of(snapshot.service().user().value()))
                .flatMap(GithubAccountView::installationId)
                .orElse(null);
    }

    private DeploymentSnapshot snapshot(UUID id) {
        try {
            return records.snapshotFor(id);
        } catch (NotFoundException e) {
            throw RecordFailures.notFound("deployment", id.toString());
        }
    }

    private DeploymentStatus status(UUID id) {
        try {
            return records.statusOf(id);
        } catch (NotFoundException e) {
            throw RecordFailures.notFound("deployment", id.toString());
        }
    }

    private static UUID deploymentId(String value) {
        return parse(() -> UUID.fromString(value));
    }

    private static <T> T parse(java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            // InvalidValueException is one too: its message names the field and the rule.
            throw RecordFailures.invalid(e);
        }
    }
}
