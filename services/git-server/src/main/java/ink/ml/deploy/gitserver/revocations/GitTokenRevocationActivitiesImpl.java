package ink.ml.deploy.gitserver.revocations;

import ink.ml.deploy.workflow.git.GitTokenRevocationActivities;
import ink.ml.deploy.workflow.git.RevokedGitToken;
import io.temporal.failure.ApplicationFailure;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The git-server's side of {@code RevokeGitTokenWorkflow}, on queue {@code git-server-{region}}:
 * the one way a revocation reaches this server, which has no database.
 */
@ApplicationScoped
public class GitTokenRevocationActivitiesImpl implements GitTokenRevocationActivities {
    /** The failure type of a request whose token id is not one: retrying cannot help. */
    public static final String INVALID_TOKEN_ID = "InvalidTokenId";

    private static final Logger LOG = Logger.getLogger(GitTokenRevocationActivitiesImpl.class);

    private final RevokedGitTokens revoked;

    public GitTokenRevocationActivitiesImpl(RevokedGitTokens revoked) {
        this.revoked = revoked;
    }

    @Override
    public void addRevokedToken(RevokedGitToken token) {
        try {
            revoked.add(token);
        } catch (IllegalArgumentException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), INVALID_TOKEN_ID);
        }
        LOG.infof(
                "git token %s… revoked until %s",
                token.tokenId().substring(0, 8), token.expiresAt());
    }
}
