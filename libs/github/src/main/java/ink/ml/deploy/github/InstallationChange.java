package ink.ml.deploy.github;

import ink.ml.deploy.domain.DeliveryId;
import java.util.Objects;

/**
 * An {@code installation} event that links or unlinks a GitHub App installation.
 *
 * @param action {@code created} or {@code deleted}; other actions are an {@link IgnoredEvent}
 * @param installationId {@code installation.id}
 * @param accountId {@code installation.account.id}: the user or organization the App is on
 * @param accountIsUser whether that account is a user ({@code type: User}) and not an organization
 * @param senderId {@code sender.id}: the GitHub user who installed or uninstalled the App
 */
public record InstallationChange(
        DeliveryId delivery,
        Action action,
        long installationId,
        long accountId,
        boolean accountIsUser,
        long senderId)
        implements GitHubEvent {

    /** The installation actions that change a link. */
    public enum Action {
        CREATED,
        DELETED
    }

    public InstallationChange {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(action, "action");
        if (installationId <= 0 || accountId <= 0 || senderId <= 0) {
            throw new IllegalArgumentException("GitHub ids are positive");
        }
    }

    /**
     * The GitHub user whose platform account gets the installation: the account itself when the App
     * is installed on a user, otherwise (an organization) the user who installed it, who can then
     * deploy the organization's repositories the installation grants.
     */
    public long githubUserId() {
        return accountIsUser ? accountId : senderId;
    }
}
