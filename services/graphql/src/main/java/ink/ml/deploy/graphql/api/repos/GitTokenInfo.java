package ink.ml.deploy.graphql.api.repos;

import ink.ml.deploy.platform.repos.GitTokenView;
import java.time.Instant;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A push token issued for a repository, without its secret.")
public record GitTokenInfo(
        @NonNull @Id @Description("What revokeGitToken takes.") String id,
        @NonNull @Id String repoId,
        @NonNull @Description("dpg_ and 8 hex: tells tokens apart.") String prefix,
        @NonNull Instant createdAt,
        @NonNull Instant expiresAt,
        @Description("When it was revoked; null while it works.") Instant revokedAt) {
    static GitTokenInfo of(GitTokenView view) {
        return new GitTokenInfo(
                view.id(),
                view.repoId(),
                view.prefix(),
                view.createdAt(),
                view.expiresAt(),
                view.revokedAt().orElse(null));
    }
}
