package ink.ml.deploy.deployer.worker.source;

import ink.ml.deploy.domain.GitSha;
import ink.ml.deploy.workflow.StepFailure;
import ink.ml.deploy.workflow.source.BranchHead;
import ink.ml.deploy.workflow.source.ResolveBranchHeadRequest;
import ink.ml.deploy.workflow.source.SourceActivities;
import io.temporal.failure.ApplicationFailure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Locale;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;

/**
 * Reads a branch head with {@code git ls-remote} (refs only, no objects), with the same URLs and
 * credentials a clone uses: the deploy API asks here for "the newest commit" because only the
 * cluster holds the GitHub App key and the git-server token.
 */
@ApplicationScoped
public class SourceActivitiesImpl implements SourceActivities {
    private static final int TIMEOUT_SECONDS = 10;

    private final RemoteRepositories remotes;

    public SourceActivitiesImpl(RemoteRepositories remotes) {
        this.remotes = remotes;
    }

    @Override
    public BranchHead resolveBranchHead(ResolveBranchHeadRequest request) {
        RemoteRepository remote =
                remotes.resolve(
                        request.sourceKind(), request.repository(), request.installationId());
        String ref = Constants.R_HEADS + request.branch();
        Collection<Ref> heads = listHeads(remote);
        return heads.stream()
                .filter(head -> head.getName().equals(ref))
                .findFirst()
                .map(
                        head ->
                                new BranchHead(
                                        request.branch(),
                                        GitSha.of(head.getObjectId().name()).value()))
                .orElseThrow(
                        () ->
                                ApplicationFailure.newNonRetryableFailure(
                                        "branch "
                                                + request.branch()
                                                + " does not exist in "
                                                + remote.name()
                                                + ": push it first, or change the branch the"
                                                + " service tracks",
                                        BRANCH_NOT_FOUND));
    }

    private static Collection<Ref> listHeads(RemoteRepository remote) {
        try {
            return Git.lsRemoteRepository()
                    .setRemote(remote.url())
                    .setCredentialsProvider(remote.jgitCredentials())
                    .setHeads(true)
                    .setTimeout(TIMEOUT_SECONDS)
                    .call();
        } catch (GitAPIException | RuntimeException e) {
            throw failure(e, remote);
        }
    }

    /**
     * A repository that is not there, or not readable with the deployer's credentials, cannot be
     * fixed by a retry; anything else (connection refused, a 5xx) may pass.
     */
    private static RuntimeException failure(Exception e, RemoteRepository remote) {
        String messages = messagesOf(e).toLowerCase(Locale.ROOT);
        if (e instanceof InvalidRemoteException
                || hasCause(e, NoRemoteRepositoryException.class)
                || messages.contains("repository not found")
                || messages.contains("not a git repository")
                || messages.contains("does not appear to be a git repository")
                || messages.contains("not authorized")
                || messages.contains("authentication is required")
                || messages.contains("403 forbidden")) {
            return StepFailure.of(
                    StepFailure.CLONE_FAILED,
                    "repository " + remote.name() + " not found, or the deployer has no access");
        }
        return new IllegalStateException(
                "listing the branches of " + remote.name() + " failed: " + messagesOf(e), e);
    }

    private static String messagesOf(Throwable e) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                messages.append(messages.length() == 0 ? "" : ": ").append(t.getMessage());
            }
        }
        return messages.toString();
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
