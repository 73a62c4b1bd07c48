package ink.ml.deploy.workflow;

import ink.ml.deploy.domain.DeliveryId;
import ink.ml.deploy.workflow.runtime.RuntimeStatusReport;
import java.util.Locale;
import java.util.UUID;

/**
 * Workflow ids are derived from what the workflow is about, so Temporal's id uniqueness makes a
 * retried trigger or a redelivered webhook find the workflow that already runs instead of starting
 * a second one.
 */
public final class WorkflowIds {
    private WorkflowIds() {}

    /** {@code deploy-{deploymentId}}: one workflow per deployment. */
    public static String deploy(UUID deploymentId) {
        return "deploy-" + deploymentId;
    }

    /**
     * {@code push-{source}-{delivery}}: one workflow per push, whatever the redeliveries. The
     * delivery id must name the push itself, from content the sender authenticated (GitHub: {@code
     * BranchPush.pushId()}, a digest of the signed body; git-server: a digest of repository, ref
     * and commit), never an id a replayer could change.
     */
    public static String gitPush(PushSource source, DeliveryId delivery) {
        return "push-" + source.value() + "-" + delivery.value();
    }

    /**
     * {@code revoke-git-token-{tokenId}}: one publication of a token's revocation at a time; see
     * {@code GitTokenRevocationPublisher}.
     */
    public static String revokeGitToken(String tokenId) {
        return "revoke-git-token-" + tokenId;
    }

    /** {@code delete-service-{serviceId}}. */
    public static String deleteService(UUID serviceId) {
        return "delete-service-" + serviceId;
    }

    /**
     * {@code control-{requestId}}: one workflow per API request (deploy, redeploy, rollback,
     * cancel); the id is random because two identical requests are two intentions.
     */
    public static String control(UUID requestId) {
        return "control-" + requestId;
    }

    /**
     * {@code runtime-{deploymentId}-{condition}-{observedAt epoch ms}}: one workflow per
     * observation. The same report sent twice (a retried start) names the same workflow, which
     * starts once; a new observation of the same state is another workflow, which finds the
     * deployment already there and changes nothing.
     */
    public static String runtimeStatus(RuntimeStatusReport report) {
        return "runtime-"
                + report.deploymentId()
                + "-"
                + report.condition().name().toLowerCase(Locale.ROOT)
                + "-"
                + report.observedAt().toEpochMilli();
    }

    /** {@code custom-domain-{domainId}}: one life of a custom domain at a time. */
    public static String customDomain(UUID domainId) {
        return "custom-domain-" + domainId;
    }

    /** {@code remove-custom-domain-{domainId}}: its resources are taken away once. */
    public static String removeCustomDomain(UUID domainId) {
        return "remove-custom-domain-" + domainId;
    }
}
