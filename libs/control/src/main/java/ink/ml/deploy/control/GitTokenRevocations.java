package ink.ml.deploy.control;

import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.repos.GitTokenRevocation;
import ink.ml.deploy.platform.repos.GitTokenView;
import ink.ml.deploy.platform.repos.InternalRepos;
import ink.ml.deploy.workflow.git.GitTokenRevocationPublisher;
import ink.ml.deploy.workflow.git.RevokeGitTokenRequest;
import io.temporal.client.WorkflowClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Revokes a git push token for the APIs, the one way both front doors do it.
 *
 * <p>The git-server has no database: it refuses a token once the revocation is on its own list,
 * which {@code RevokeGitTokenWorkflow} publishes to it through Temporal (and keeps trying while the
 * git-server is down, until the token expires by itself). So the order is: check the token is the
 * caller's ({@link NotFoundException} otherwise), hand the revocation to Temporal, and only then
 * mark the token revoked in the database. When Temporal cannot be reached nothing is marked and
 * {@link ControlPlaneUnavailableException} says so: a token shown as revoked is always one the
 * git-server is being told about. Revoking twice publishes again, which changes nothing.
 */
@ApplicationScoped
public class GitTokenRevocations {
    private final WorkflowClient client;
    private final InternalRepos repos;
    private final DeploymentControl control;

    public GitTokenRevocations(
            WorkflowClient client, InternalRepos repos, DeploymentControl control) {
        this.client = client;
        this.repos = repos;
        this.control = control;
    }

    /**
     * @throws NotFoundException {@code gitToken} when the id is not one of the caller's tokens
     * @throws ConflictException {@code id} for a token too old to be revoked by itself
     * @throws ControlPlaneUnavailableException when Temporal cannot be reached: nothing changed
     */
    public GitTokenView revoke(Caller caller, String tokenId) {
        Optional<GitTokenRevocation> revocation = repos.revocation(caller, tokenId);
        revocation.ifPresent(this::publish);
        return repos.revokeToken(caller, tokenId);
    }

    private void publish(GitTokenRevocation revocation) {
        control.ensureReachable();
        try {
            new GitTokenRevocationPublisher(client)
                    .publish(
                            new RevokeGitTokenRequest(
                                    revocation.tokenId(),
                                    revocation.expiresAt(),
                                    revocation.gitServerRegion()));
        } catch (RuntimeException e) {
            throw ControlPlaneUnavailableException.notStarted(e);
        }
    }
}
