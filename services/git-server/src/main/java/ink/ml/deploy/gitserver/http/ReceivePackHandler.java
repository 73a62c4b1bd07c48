package ink.ml.deploy.gitserver.http;

import ink.ml.deploy.domain.InternalRepoPath;
import ink.ml.deploy.gitauth.config.GitServerConfig;
import ink.ml.deploy.gitserver.push.DeployOnPush;
import ink.ml.deploy.gitserver.push.RefUpdatePolicy;
import ink.ml.deploy.workflow.metrics.GitPushMeter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collection;
import org.eclipse.jgit.errors.PackProtocolException;
import org.eclipse.jgit.errors.UnpackException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.PostReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.RefAdvertiser.PacketLineOutRefAdvertiser;
import org.jboss.logging.Logger;

/**
 * Push: JGit's {@link ReceivePack} in stateless-RPC mode, with the server's limits (pack and object
 * size, idle timeout), no history rewriting (a non-fast-forward update is refused, whatever {@code
 * --force} says), each ref checked by {@link RefUpdatePolicy}, and {@link DeployOnPush} after the
 * refs are stored.
 */
@ApplicationScoped
public class ReceivePackHandler {
    private static final Logger LOG = Logger.getLogger(ReceivePackHandler.class);

    private final GitServerConfig config;
    private final DeployOnPush deployOnPush;
    private final GitPushMeter pushes;

    public ReceivePackHandler(
            GitServerConfig config, DeployOnPush deployOnPush, MeterRegistry meters) {
        this.config = config;
        this.deployOnPush = deployOnPush;
        this.pushes = new GitPushMeter(meters);
    }

    void advertise(Repository repo, HttpServletResponse response) throws IOException {
        ReceivePack receivePack = receivePack(repo, null);
        response.setContentType(GitService.RECEIVE_PACK.advertisementType());
        SmartHttp.noCache(response);
        OutputStream out = response.getOutputStream();
        PacketLineOut packets = new PacketLineOut(out);
        packets.writeString("# service=" + GitService.RECEIVE_PACK.serviceName() + "\n");
        packets.end();
        try {
            receivePack.sendAdvertisedRefs(new PacketLineOutRefAdvertiser(packets));
        } finally {
            receivePack.getRevWalk().close();
        }
        out.flush();
    }

    void receive(
            InternalRepoPath path,
            Repository repo,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        SmartHttp.requireContentType(request, GitService.RECEIVE_PACK.requestType());
        response.setContentType(GitService.RECEIVE_PACK.resultType());
        SmartHttp.noCache(response);
        OutputStream out = response.getOutputStream();
        ReceivePack receivePack = receivePack(repo, path);
        try {
            receivePack.receive(SmartHttp.body(request), out, null);
        } catch (UnpackException e) {
            // Too large, corrupt or cut off: the client was told in the status report.
            LOG.infof("push to %s refused: %s", path, e.getCause());
            pushes.refused(GitPushMeter.Refusal.UNPACK_FAILED);
            SmartHttp.drain(request);
        } catch (PackProtocolException e) {
            // JGit refuses a malformed command list whole, before any hook: a ref name that is not
            // valid under git's rules is one (git itself never sends such a name). Nothing was
            // stored and nothing was answered yet, so the client's mistake gets a client error.
            LOG.infof("push to %s refused: %s", path, e.getMessage());
            SmartHttp.drain(request);
            throw new GitHttpException(
                    HttpServletResponse.SC_BAD_REQUEST,
                    "not a valid push: "
                            + e.getMessage()
                            + " (is every ref name valid under git's rules?)");
        }
        out.flush();
    }

    /**
     * A push is accepted when every ref it sent was stored; one refused ref (non-fast-forward, the
     * ref rules) makes it a refused push, the other refs stored or not. Read in the post-receive
     * hook, the last moment JGit still holds every command with its result. The 400 of a malformed
     * command list is counted where refusals are answered ({@link GitHttpServlet}).
     */
    private void count(Collection<ReceiveCommand> commands) {
        boolean allStored =
                commands.stream()
                        .allMatch(command -> command.getResult() == ReceiveCommand.Result.OK);
        if (allStored) {
            pushes.accepted();
        } else {
            pushes.refused(GitPushMeter.Refusal.REF_REJECTED);
        }
    }

    private ReceivePack receivePack(Repository repo, InternalRepoPath path) {
        ReceivePack receivePack = new ReceivePack(repo);
        receivePack.setBiDirectionalPipe(false);
        receivePack.setAllowNonFastForwards(false);
        receivePack.setMaxPackSizeLimit(config.maxPushSize().asLongValue());
        receivePack.setMaxObjectSizeLimit(config.maxObjectSize().asLongValue());
        receivePack.setTimeout((int) Math.max(1, config.idleTimeout().toSeconds()));
        if (path != null) {
            receivePack.setPreReceiveHook(RefUpdatePolicy.hookFor(repo));
            PostReceiveHook deploy = deployOnPush.hookFor(path);
            receivePack.setPostReceiveHook(
                    (rp, commands) -> {
                        count(rp.getAllCommands());
                        pointHeadAtFirstBranch(repo, commands);
                        deploy.onPostReceive(rp, commands);
                    });
        }
        return receivePack;
    }

    /**
     * A new repository's HEAD names {@code main}; when the first push brings another branch only,
     * HEAD follows it, so that a clone checks something out.
     */
    private static void pointHeadAtFirstBranch(
            Repository repo, Collection<ReceiveCommand> commands) {
        try {
            Ref head = repo.exactRef(Constants.HEAD);
            if (head != null && head.getObjectId() != null) {
                return;
            }
            commands.stream()
                    .filter(c -> c.getType() == ReceiveCommand.Type.CREATE)
                    .map(ReceiveCommand::getRefName)
                    .filter(name -> name.startsWith(Constants.R_HEADS))
                    .findFirst()
                    .ifPresent(
                            branch -> {
                                try {
                                    RefUpdate update = repo.updateRef(Constants.HEAD);
                                    update.link(branch);
                                } catch (IOException e) {
                                    LOG.warnf(e, "HEAD of %s not moved to %s", repo, branch);
                                }
                            });
        } catch (IOException e) {
            LOG.warnf(e, "HEAD of %s unreadable", repo);
        }
    }
}
