package ink.ml.deploy.graphql.github;

import ink.ml.deploy.domain.SourceKind;
import ink.ml.deploy.github.BranchPush;
import ink.ml.deploy.github.GitHubEvent;
import ink.ml.deploy.github.IgnoredEvent;
import ink.ml.deploy.github.InstallationChange;
import ink.ml.deploy.github.WebhookReply;
import ink.ml.deploy.platform.github.GithubAccounts;
import ink.ml.deploy.platform.services.Services;
import ink.ml.deploy.platform.webhooks.WebhookDeliveries;
import ink.ml.deploy.platform.webhooks.WebhookSource;
import ink.ml.deploy.workflow.PushSource;
import ink.ml.deploy.workflow.WorkflowIds;
import ink.ml.deploy.workflow.push.GitPushes;
import ink.ml.deploy.workflow.push.PushEvent;
import ink.ml.deploy.workflow.push.PushStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * Acts on a verified GitHub delivery. A redelivery is recognised twice over: by the delivery table
 * (nothing at all happens) and by the push workflow's id {@code push-github-{push id}} (Temporal
 * refuses a second start). A push is recorded under its {@link BranchPush#pushId() push id}, a
 * digest of the signed body, not under {@code X-GitHub-Delivery}, which the signature does not
 * cover: a captured body replayed under fresh delivery ids is the same push. The record is made in
 * the same transaction that starts the workflow, so when Temporal refuses the start the record
 * rolls back and GitHub's redelivery is not mistaken for a duplicate.
 */
@ApplicationScoped
public class GithubWebhookHandler {
    private static final Logger LOG = Logger.getLogger(GithubWebhookHandler.class);

    private final WebhookDeliveries deliveries;
    private final Services services;
    private final GithubAccounts githubAccounts;
    private final GitPushes pushes;

    public GithubWebhookHandler(
            WebhookDeliveries deliveries,
            Services services,
            GithubAccounts githubAccounts,
            GitPushes pushes) {
        this.deliveries = deliveries;
        this.services = services;
        this.githubAccounts = githubAccounts;
        this.pushes = pushes;
    }

    /**
     * @throws ink.ml.deploy.workflow.push.GitPushNotStartedException when Temporal did not take the
     *     push; nothing is recorded
     */
    @Transactional
    public WebhookReply handle(GitHubEvent event) {
        if (event instanceof BranchPush push) {
            return push(push);
        }
        if (event instanceof InstallationChange change) {
            return installation(change);
        }
        return WebhookReply.of("ignored", ((IgnoredEvent) event).reason());
    }

    private WebhookReply push(BranchPush push) {
        String target = push.repository() + "@" + push.branch();
        // Most pushes go to branches nothing deploys: answer without a workflow. The workflow
        // resolves the tracking services again, so a service created meanwhile still deploys
        // from the next push.
        if (services.trackingServices(
                        SourceKind.GITHUB.value(),
                        push.repository().toString(),
                        push.branch().value())
                .isEmpty()) {
            return WebhookReply.of("ignored", "no service tracks " + target);
        }
        if (!deliveries.firstSeen(WebhookSource.GITHUB.value(), push.pushId().value())) {
            return new WebhookReply(
                    "duplicate",
                    "this push was already handled",
                    WorkflowIds.gitPush(PushSource.GITHUB, push.pushId()));
        }
        PushStart start =
                pushes.start(
                        new PushEvent(
                                PushSource.GITHUB.value(),
                                push.pushId().value(),
                                push.repository().toString(),
                                push.branch().value(),
                                push.commit().value()));
        if (!start.started()) {
            return new WebhookReply(
                    "duplicate", "this push is already being deployed", start.workflowId());
        }
        LOG.infof(
                "GitHub push %s to %s at %s started %s",
                push.delivery(), target, push.commit(), start.workflowId());
        return new WebhookReply(
                "started", "deploying " + push.commit() + " of " + target, start.workflowId());
    }

    private WebhookReply installation(InstallationChange change) {
        if (!deliveries.firstSeen(WebhookSource.GITHUB.value(), change.delivery().value())) {
            return WebhookReply.of(
                    "duplicate", "delivery " + change.delivery() + " was already handled");
        }
        return switch (change.action()) {
            case CREATED -> {
                boolean linked =
                        githubAccounts.setInstallation(
                                change.githubUserId(), change.installationId());
                yield linked
                        ? WebhookReply.of(
                                "linked",
                                "installation "
                                        + change.installationId()
                                        + " linked to GitHub user "
                                        + change.githubUserId())
                        : WebhookReply.of(
                                "ignored",
                                "GitHub user "
                                        + change.githubUserId()
                                        + " has not signed in here; the installation callback"
                                        + " links it after sign-in");
            }
            case DELETED -> {
                int unlinked = githubAccounts.unlinkInstallation(change.installationId());
                yield WebhookReply.of(
                        "unlinked",
                        "installation "
                                + change.installationId()
                                + " removed from "
                                + unlinked
                                + " account(s)");
            }
        };
    }
}
