package ink.ml.deploy.github;

import ink.ml.deploy.domain.DeliveryId;

/**
 * A verified GitHub webhook delivery, parsed: a push to a branch, a change of a GitHub App
 * installation, or something that starts nothing (and says why).
 */
public sealed interface GitHubEvent permits BranchPush, InstallationChange, IgnoredEvent {
    /** {@code X-GitHub-Delivery}: the same on every redelivery. */
    DeliveryId delivery();
}
