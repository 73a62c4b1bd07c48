package ink.ml.deploy.graphql.api.apikeys;

import ink.ml.deploy.platform.apikeys.ApiKeyView;
import java.time.Instant;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

@Description("An API key for CLIs and agents; the secret itself is shown only at creation.")
public record ApiKey(
        @NonNull @Id String id,
        @NonNull String name,
        @NonNull @Description("The key's first characters, to tell keys apart.") String prefix,
        @NonNull Instant createdAt,
        @Description("Accurate to a minute.") Instant lastUsedAt,
        Instant revokedAt,
        @NonNull boolean revoked) {
    static ApiKey of(ApiKeyView view) {
        return new ApiKey(
                view.id(),
                view.name(),
                view.prefix(),
                view.createdAt(),
                view.lastUsedAt().orElse(null),
                view.revokedAt().orElse(null),
                view.revoked());
    }
}
