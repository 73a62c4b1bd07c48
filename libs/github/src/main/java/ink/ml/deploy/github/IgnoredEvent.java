package ink.ml.deploy.github;

import ink.ml.deploy.domain.DeliveryId;
import java.util.Objects;

/**
 * A verified delivery that starts nothing: a {@code ping}, a push that deleted a branch or moved a
 * tag, an installation action other than created/deleted, an event type nobody subscribes to.
 *
 * @param event the {@code X-GitHub-Event} header
 * @param reason why nothing starts, for the sender (shown in GitHub's delivery log)
 */
public record IgnoredEvent(DeliveryId delivery, String event, String reason)
        implements GitHubEvent {
    public IgnoredEvent {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(reason, "reason");
    }
}
