package ink.ml.deploy.gitserver.push;

import ink.ml.deploy.domain.GitBranch;
import ink.ml.deploy.domain.InternalRepoPath;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.workflow.PushSource;
import ink.ml.deploy.workflow.push.GitPushNotStartedException;
import ink.ml.deploy.workflow.push.GitPushes;
import ink.ml.deploy.workflow.push.PushEvent;
import ink.ml.deploy.workflow.push.PushStart;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.transport.PostReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.jboss.logging.Logger;

/**
 * The git-server's post-receive: every branch a push created or moved starts {@code
 * GitPushWorkflow} (deletions and tags start nothing). The refs are stored whatever happens here:
 * when Temporal is unreachable the pusher reads why no deployment started ({@code remote:} lines)
 * and it is logged.
 */
@ApplicationScoped
public class DeployOnPush {
    private static final Logger LOG = Logger.getLogger(DeployOnPush.class);

    private final GitPushes pushes;

    public DeployOnPush(GitPushes pushes) {
        this.pushes = pushes;
    }

    /** The hook for one push to {@code repo}. */
    public PostReceiveHook hookFor(InternalRepoPath repo) {
        return (receivePack, commands) -> startWorkflows(repo, receivePack, commands);
    }

    private void startWorkflows(
            InternalRepoPath repo, ReceivePack receivePack, Collection<ReceiveCommand> commands) {
        boolean temporalDown = false;
        for (ReceiveCommand command : commands) {
            if (command.getType() == ReceiveCommand.Type.DELETE
                    || !command.getRefName().startsWith(Constants.R_HEADS)) {
                continue;
            }
            String branchName = command.getRefName().substring(Constants.R_HEADS.length());
            String sha = command.getNewId().name();
            if (temporalDown) {
                receivePack.sendMessage(notStarted(branchName));
                continue;
            }
            try {
                PushStart start =
                        pushes.start(
                                new PushEvent(
                                        PushSource.GIT_SERVER.value(),
                                        PushDeliveryIds.of(repo, command.getRefName(), sha).value(),
                                        repo.value(),
                                        GitBranch.of(branchName).value(),
                                        sha));
                receivePack.sendMessage(
                        start.started()
                                ? "deploying "
                                        + branchName
                                        + " at "
                                        + sha.substring(0, 7)
                                        + " on the services that track it"
                                : branchName
                                        + " at "
                                        + sha.substring(0, 7)
                                        + " was already handed to the deployer: nothing new");
            } catch (InvalidValueException e) {
                receivePack.sendMessage(
                        "branch " + branchName + " is stored but cannot deploy: " + e.getMessage());
            } catch (GitPushNotStartedException e) {
                temporalDown = true;
                LOG.errorf(
                        e,
                        "push to %s (%s at %s) stored, but %s was not started",
                        repo,
                        branchName,
                        sha,
                        e.workflowId());
                receivePack.sendMessage(notStarted(branchName));
            }
        }
    }

    private static String notStarted(String branch) {
        return "branch "
                + branch
                + " is stored, but no deployment was started: the deployment service is"
                + " unreachable right now. Redeploy the service once it is back.";
    }
}
