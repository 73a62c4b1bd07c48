package ink.ml.deploy.graphql.github;

import ink.ml.deploy.github.GitHubEvent;
import ink.ml.deploy.github.GitHubEventParser;
import ink.ml.deploy.github.GitHubWebhookReceiver;
import ink.ml.deploy.github.RejectedWebhookException;
import ink.ml.deploy.github.WebhookBody;
import ink.ml.deploy.github.WebhookReply;
import ink.ml.deploy.github.WebhookSignature;
import ink.ml.deploy.workflow.metrics.WebhookDeliveryMeter;
import ink.ml.deploy.workflow.push.GitPushNotStartedException;
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
 * {@code POST /webhooks/github}: GitHub App (or repository) webhook deliveries. No user credential:
 * the {@code X-Hub-Signature-256} over the body is the authentication, and it is mandatory.
 */
@Path("/webhooks/github")
public class GithubWebhookResource {
    private static final Logger LOG = Logger.getLogger(GithubWebhookResource.class);

    /** Seconds GitHub (or an operator redelivering by hand) should wait when Temporal is down. */
    private static final String RETRY_AFTER_SECONDS = "30";

    private final GitHubWebhookReceiver receiver;
    private final GithubWebhookHandler handler;
    private final WebhookDeliveryMeter deliveries;

    public GithubWebhookResource(
            GitHubWebhookReceiver receiver, GithubWebhookHandler handler, MeterRegistry meters) {
        this.receiver = receiver;
        this.handler = handler;
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
            return Response.status(e.httpStatus())
                    .entity(WebhookReply.of("rejected", e.getMessage()))
                    .build();
        }
        try {
            WebhookReply reply = handler.handle(verified);
            deliveries.answered(reply.outcome());
            return Response.status("started".equals(reply.outcome()) ? 202 : 200)
                    .entity(reply)
                    .build();
        } catch (GitPushNotStartedException e) {
            LOG.errorf("GitHub push %s not started: %s", verified.delivery(), e.getMessage());
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
    }
}
