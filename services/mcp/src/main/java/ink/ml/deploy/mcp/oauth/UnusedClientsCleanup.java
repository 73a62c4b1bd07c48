package ink.ml.deploy.mcp.oauth;

import ink.ml.deploy.platform.common.Timestamps;
import ink.ml.deploy.platform.oauth.OAuthClients;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Deletes registered clients that never completed an authorization within {@code
 * mcpdeploy.mcp.oauth.registration.unused-client-ttl}: registration is open, and without this each
 * abandoned or scripted registration would be a row forever. Every replica runs it; the delete is
 * idempotent.
 */
@ApplicationScoped
class UnusedClientsCleanup {
    private static final Logger LOG = Logger.getLogger(UnusedClientsCleanup.class);

    private final OAuthClients clients;
    private final Duration ttl;

    UnusedClientsCleanup(OAuthClients clients, OAuthServerConfig config) {
        this.clients = clients;
        this.ttl = config.registration().unusedClientTtl();
    }

    @Scheduled(
            identity = "oauth-unused-clients",
            every = "1h",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deleteUnusedClients() {
        int deleted = clients.deleteUnusedRegisteredBefore(Timestamps.now().minus(ttl));
        if (deleted > 0) {
            LOG.infof(
                    "Deleted %d OAuth clients that registered over %s ago and never completed an"
                            + " authorization",
                    deleted, ttl);
        }
    }
}
