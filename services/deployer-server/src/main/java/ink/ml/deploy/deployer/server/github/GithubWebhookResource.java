package ink.ml.deploy.deployer.server.github;

import ink.ml.deploy.github.BranchPush;
import ink.ml.deploy.github.GitHubEvent;
import ink.ml.deploy.github.GitHubEventParser;
import ink.ml.deploy.github.GitHubWebhookReceiver;
import ink.ml.deploy.github.IgnoredEvent;
import ink.ml.deploy.github.RejectedWebhookException;
import ink.ml.deploy.github.WebhookBody;
import ink.ml.deploy.github.WebhookReply;
import ink.ml.deploy.github.WebhookSignature;
import ink.ml.deploy.workflow.PushSource;
import ink.ml.deploy.workflow.metrics.WebhookDeliveryMeter;
import ink.ml.deploy.workflow.push.GitPushNotStartedException;
import ink.ml.deploy.workflow.push.GitPushes;
import ink.ml.deploy.workflow.push.PushEvent;
import ink.ml.deploy.workflow.push.PushStart;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.jboss.logging.Logger;

/**
 * {@code POST /webhooks/github} in the cluster: a verified push starts {@link
 * ink.ml.deploy.workflow.push.GitPushWorkflow}, which finds the services that track the branch.
 * There is no database here, so a redelivery is recognised by the workflow id alone: {@code
 * push-github-{push id}}, where the push id is a digest of the signed push ({@link
 * BranchPush#pushId()}), never of the unsigned delivery id, so a captured body replayed under fresh
 * delivery ids starts nothing more. graphql's endpoint uses the same id, so a push delivered to
 * both still deploys once. Installations are linked by the product API (graphql), not here.
 */
@Path("/webhooks/github")
public class GithubWebhookResource {
    private static final Logger LOG = Logger.getLogger(GithubWebhookResource.class);
    private static final String RETRY_AFTER_SECONDS = "30";

    private final GitHubWebhookReceiver receiver;
    private final GitPushes pushes;
    private final WebhookDeliveryMeter deliveries;

    public GithubWebhookResource(
            GitHubWebhookReceiver receiver, GitPushes pushes, MeterRegistry meters) {
        this.receiver = receiver;
        this.pushes = pushes;
        this.deliveries = new WebhookDeliveryMeter(meters);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(
            @HeaderParam(GitHubEventParser.EVENT_HEADER) String event,
            @HeaderParam(GitHubWebhookReceiver.DELIVERY_HEADER) String delivery,
            @HeaderParam(WebhookSignature.HEADER) String signature,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
            InputStream body) {
        GitHubEvent verified;
        try {
            verified =
                    receiver.receive(
                            event,
                            delivery,
                            signature,
                            WebhookBody.declaredLength(contentLength),
                            body);
        } catch (RejectedWebhookException e) {
            LOG.warnf("GitHub webhook delivery refused (%s): %s", e.reason(), e.getMessage());
            deliveries.rejected(e.reason());
            return reply(e.httpStatus(), WebhookReply.of("rejected", e.getMessage()));
        }
        if (verified instanceof BranchPush push) {
            return start(push);
        }
        if (verified instanceof IgnoredEvent ignored) {
            return answer(200, WebhookReply.of("ignored", ignored.reason()));
        }
        return answer(
                200,
                WebhookReply.of(
                        "ignored", "App installations are linked by the product API, not here"));
    }

    private Response start(BranchPush push) {
        PushStart start;
        try {
            start =
                    pushes.start(
                            new PushEvent(
                                    PushSource.GITHUB.value(),
                                    push.pushId().value(),
                                    push.repository().toString(),
                                    push.branch().value(),
                                    push.commit().value()));
        } catch (GitPushNotStartedException e) {
            LOG.errorf("GitHub push %s not started: %s", push.delivery(), e.getMessage());
            deliveries.workflowEngineUnavailable();
            return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                    .entity(
                            new WebhookReply(
                                    "rejected",
                                    "the workflow engine is unreachable: nothing was started,"
                                            + " redeliver this push later",
                                    e.workflowId()))
                    .build();
        }
        if (!start.started()) {
            return answer(
                    200,
                    new WebhookReply(
                            "duplicate", "this push was already handled", start.workflowId()));
        }
        LOG.infof(
                "GitHub push %s to %s@%s at %s started %s",
                push.delivery(),
                push.repository(),
                push.branch(),
                push.commit(),
                start.workflowId());
        return answer(
                202,
                new WebhookReply(
                        "started",
                        "looking for services that track "
                                + push.repository()
                                + "@"
                                + push.branch()
                                + " to deploy "
                                + push.commit(),
                        start.workflowId()));
    }

    /** An answer to a verified delivery, counted by its outcome. */
    private Response answer(int status, WebhookReply body) {
        deliveries.answered(body.outcome());
        return reply(status, body);
    }

    private static Response reply(int status, WebhookReply body) {
        return Response.status(status).entity(body).build();
    }
}
