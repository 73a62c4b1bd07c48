package ink.ml.deploy.graphql.github;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The JSON a webhook delivery gets back; GitHub shows it in the App's delivery log, so it says
 * plainly what happened.
 *
 * @param outcome {@code started}, {@code duplicate}, {@code ignored}, {@code linked}, {@code
 *     unlinked}, or {@code rejected}
 * @param message what happened, for a person reading the delivery log
 * @param workflowId the push workflow, when one was started or already existed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookReply(String outcome, String message, String workflowId) {
    static WebhookReply of(String outcome, String message) {
        return new WebhookReply(outcome, message, null);
    }
}
