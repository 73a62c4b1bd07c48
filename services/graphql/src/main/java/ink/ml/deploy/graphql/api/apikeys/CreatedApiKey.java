package ink.ml.deploy.graphql.api.apikeys;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A key just created: its secret is shown this once and never again.")
public record CreatedApiKey(
        @NonNull ApiKey apiKey,
        @NonNull @Description("Send it as Authorization: Bearer <secret>.") String secret) {
    static CreatedApiKey of(ink.ml.deploy.platform.apikeys.CreatedApiKey created) {
        return new CreatedApiKey(
                new ApiKey(
                        created.id(),
                        created.name(),
                        created.prefix(),
                        created.createdAt(),
                        null,
                        null,
                        false),
                created.secret());
    }

    @Override
    public String toString() {
        return "CreatedApiKey[apiKey=" + apiKey + "]";
    }
}
