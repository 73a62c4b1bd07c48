package ink.ml.deploy.control;

import ink.ml.deploy.domain.SourceKind;
import ink.ml.deploy.worker.WorkflowTestDoubles;
import ink.ml.deploy.workflow.source.BranchHead;
import ink.ml.deploy.workflow.source.ResolveBranchHeadRequest;
import ink.ml.deploy.workflow.source.SourceActivities;
import io.quarkiverse.temporal.TemporalActivity;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test double of the cluster's {@code git ls-remote}, on the deployer queue: answers the heads it
 * was told, and that a branch it was not told about does not exist, as the real one does. (The real
 * one is tested against a real repository in the deployer-worker.)
 */
@TemporalActivity(workers = WorkflowTestDoubles.WORKER)
public class StandInBranchHeads implements SourceActivities {
    private final Map<String, String> heads = new ConcurrentHashMap<>();
    private final Set<String> unreachable = ConcurrentHashMap.newKeySet();

    /** From now on, {@code branch} of {@code repository} points at {@code sha}. */
    public void push(String repository, String branch, String sha) {
        heads.put(repository + "@" + branch, sha);
    }

    /** From now on, asking for a branch of {@code repository} fails as a dead network would. */
    public void unreachable(String repository) {
        unreachable.add(repository);
    }

    @Override
    public BranchHead resolveBranchHead(ResolveBranchHeadRequest request) {
        if (unreachable.contains(repositoryName(request))) {
            throw new IllegalStateException(
                    "listing the branches of "
                            + request.repository()
                            + " failed: connect timed out");
        }
        String sha = heads.get(repositoryName(request) + "@" + request.branch());
        if (sha == null) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "branch "
                            + request.branch()
                            + " does not exist in "
                            + request.repository()
                            + ": push it first, or change the branch the service tracks",
                    BRANCH_NOT_FOUND);
        }
        return new BranchHead(request.branch(), sha);
    }

    /**
     * Tests name repositories as users do; the deployer is asked for an internal one by its
     * git-server path {@code {user}/{project}/{repo}}, which this checks, as the real git-server
     * would refuse anything else.
     */
    private static String repositoryName(ResolveBranchHeadRequest request) {
        if (request.sourceKind() != SourceKind.INTERNAL) {
            return request.repository();
        }
        String[] path = request.repository().split("/", -1);
        if (path.length != 3) {
            throw new IllegalArgumentException(
                    "an internal repository is asked for by its {user}/{project}/{repo} path, not "
                            + request.repository());
        }
        return path[2];
    }
}
