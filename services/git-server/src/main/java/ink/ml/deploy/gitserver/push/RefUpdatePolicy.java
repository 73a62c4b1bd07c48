package ink.ml.deploy.gitserver.push;

import java.io.IOException;
import java.util.Collection;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.jboss.logging.Logger;

/**
 * Which ref updates a push may make, decided per ref before anything is stored. A refused ref is
 * reported in the push's status ({@code ! [remote rejected] <ref> (<reason>)}), the other refs of
 * the same push still go through, and only stored refs reach {@link DeployOnPush}.
 *
 * <p>Only the names {@link PushedRefNames} accepts can be created or moved. The default branch (the
 * one HEAD names: {@code main}, or the first branch pushed to a new repository) cannot be deleted.
 * Non-fast-forward updates are refused, and deleting the branch and pushing it again would rewrite
 * its history all the same, in two pushes; a clone would also find HEAD naming nothing. Other
 * branches and tags can be deleted.
 */
public final class RefUpdatePolicy {
    private static final Logger LOG = Logger.getLogger(RefUpdatePolicy.class);

    private final Optional<String> defaultBranch;

    /**
     * @param defaultBranch the full name of the branch HEAD names ({@code refs/heads/main}); empty
     *     when HEAD names no branch
     */
    public RefUpdatePolicy(Optional<String> defaultBranch) {
        this.defaultBranch = defaultBranch;
    }

    /** The policy of {@code repo} as it is now. */
    public static RefUpdatePolicy of(Repository repo) throws IOException {
        Ref head = repo.exactRef(Constants.HEAD);
        if (head == null || !head.isSymbolic()) {
            return new RefUpdatePolicy(Optional.empty());
        }
        return new RefUpdatePolicy(Optional.of(head.getTarget().getName()));
    }

    /**
     * The pre-receive hook of one push to {@code repo}. HEAD is read when the push arrives, not
     * when the hook is made, so that it is the repository's current default branch.
     */
    public static PreReceiveHook hookFor(Repository repo) {
        return (receivePack, commands) -> {
            RefUpdatePolicy policy;
            try {
                policy = of(repo);
            } catch (IOException e) {
                // Without HEAD the default branch is unknown: refuse rather than risk deleting it.
                LOG.errorf(e, "HEAD of %s unreadable: push refused", repo);
                reject(commands, "the repository cannot be read right now; try again");
                return;
            }
            policy.apply(commands);
        };
    }

    /**
     * Why {@code command} may not run, or empty when it may. A deletion is not held to {@link
     * PushedRefNames}: a ref with a bad name stored before the rules existed can still be removed.
     */
    public Optional<String> refusal(ReceiveCommand command) {
        String refName = command.getRefName();
        if (command.getType() != ReceiveCommand.Type.DELETE) {
            return PushedRefNames.refusal(refName);
        }
        if (defaultBranch.filter(refName::equals).isPresent()) {
            return Optional.of(
                    Repository.shortenRefName(refName)
                            + " is the default branch: it cannot be deleted");
        }
        return Optional.empty();
    }

    private void apply(Collection<ReceiveCommand> commands) {
        for (ReceiveCommand command : commands) {
            refusal(command)
                    .ifPresent(
                            reason ->
                                    command.setResult(
                                            ReceiveCommand.Result.REJECTED_OTHER_REASON, reason));
        }
    }

    private static void reject(Collection<ReceiveCommand> commands, String reason) {
        for (ReceiveCommand command : commands) {
            command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, reason);
        }
    }
}
