package ink.ml.deploy.platform.github;

import java.time.Instant;
import java.util.Optional;

/** What the APIs show of a GitHub link: never the token. */
public record GithubAccountView(
        String userId,
        long githubUserId,
        String login,
        Optional<Long> installationId,
        Instant updatedAt) {
    static GithubAccountView of(GithubAccount account) {
        return new GithubAccountView(
                account.userId,
                account.githubUserId,
                account.login,
                Optional.ofNullable(account.installationId),
                account.updatedAt);
    }
}
