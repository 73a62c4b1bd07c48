package ink.ml.deploy.graphql.api.repos;

import ink.ml.deploy.platform.repos.IssuedGitToken;
import java.time.Instant;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A push token for one repository: shown this once, valid until expiresAt.")
public record GitToken(
        @NonNull @Id @Description("What revokeGitToken takes.") String id,
        @NonNull @Id String repoId,
        @NonNull @Description("The secret, for a credential helper.") String token,
        @NonNull @Description("The repository's URL without credentials.") String remoteUrl,
        @NonNull
                @Description(
                        "The URL with the token as password: git remote add ml <this>; git push ml"
                                + " main.")
                String authenticatedRemoteUrl,
        @NonNull Instant expiresAt) {
    static GitToken of(IssuedGitToken issued) {
        return new GitToken(
                issued.id(),
                issued.repoId(),
                issued.secret(),
                issued.remoteUrl(),
                issued.authenticatedRemoteUrl(),
                issued.expiresAt());
    }

    @Override
    public String toString() {
        return "GitToken[id=" + id + ", repoId=" + repoId + ", remoteUrl=" + remoteUrl + "]";
    }
}
