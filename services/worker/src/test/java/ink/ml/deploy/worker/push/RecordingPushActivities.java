package ink.ml.deploy.worker.push;

import ink.ml.deploy.domain.SourceKind;
import ink.ml.deploy.worker.WorkflowTestDoubles;
import ink.ml.deploy.workflow.PushSource;
import ink.ml.deploy.workflow.control.BranchSource;
import ink.ml.deploy.workflow.push.FindTrackingServicesRequest;
import ink.ml.deploy.workflow.push.PushActivities;
import ink.ml.deploy.workflow.push.StartDeploymentRequest;
import ink.ml.deploy.workflow.push.StartedDeployment;
import ink.ml.deploy.workflow.push.TrackedBranchRequest;
import ink.ml.deploy.workflow.push.TrackingServices;
import io.quarkiverse.temporal.TemporalActivity;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Test double of the push workflow's product-plane side: services track a repository and branch as
 * set up (in a project of {@link #REGION}); every deployment start is recorded and answered with a
 * made-up deployment id.
 */
@TemporalActivity(workers = WorkflowTestDoubles.WORKER)
public class RecordingPushActivities implements PushActivities {
    /** Where the test services' projects are: the deployer queue the branch head is asked on. */
    public static final String REGION = "eu-central-1";

    private final Map<String, List<String>> tracking = new HashMap<>();
    private final Map<String, BranchSource> branches = new HashMap<>();
    private final List<StartDeploymentRequest> starts =
            Collections.synchronizedList(new ArrayList<>());
    private volatile Consumer<StartDeploymentRequest> whileStarting = request -> {};

    public synchronized RecordingPushActivities tracking(
            String source, String repository, String branch, String... serviceIds) {
        tracking.put(key(source, repository, branch), List.of(serviceIds));
        SourceKind sourceKind =
                PushSource.fromValue(source) == PushSource.GITHUB
                        ? SourceKind.GITHUB
                        : SourceKind.INTERNAL;
        for (String serviceId : serviceIds) {
            branches.put(serviceId, new BranchSource(REGION, sourceKind, repository, null, branch));
        }
        return this;
    }

    @Override
    public synchronized TrackingServices findTrackingServices(FindTrackingServicesRequest request) {
        return new TrackingServices(
                tracking.getOrDefault(
                        key(request.source(), request.repository(), request.branch()), List.of()));
    }

    @Override
    public synchronized BranchSource trackedBranch(TrackedBranchRequest request) {
        BranchSource source = branches.get(request.serviceId());
        if (source == null) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "service " + request.serviceId() + " was deleted",
                    PushActivitiesImpl.SERVICE_GONE);
        }
        return source;
    }

    /** Runs during every start: what happens elsewhere meanwhile (a newer push, say). */
    public RecordingPushActivities whileStarting(Consumer<StartDeploymentRequest> action) {
        this.whileStarting = action;
        return this;
    }

    @Override
    public StartedDeployment startDeployment(StartDeploymentRequest request) {
        starts.add(request);
        whileStarting.accept(request);
        String deploymentId = "deployment-of-" + request.serviceId();
        return new StartedDeployment(deploymentId, "deploy-" + deploymentId);
    }

    public List<StartDeploymentRequest> starts() {
        return List.copyOf(starts);
    }

    private static String key(String source, String repository, String branch) {
        return source + " " + repository + " " + branch;
    }
}
