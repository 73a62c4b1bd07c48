package ink.ml.deploy.graphql.api.apikeys;

import ink.ml.deploy.auth.CurrentCaller;
import ink.ml.deploy.graphql.api.pagination.Pages;
import ink.ml.deploy.platform.apikeys.ApiKeys;
import ink.ml.deploy.platform.common.Caller;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

@GraphQLApi
public class ApiKeysApi {
    private final CurrentCaller caller;
    private final ApiKeys apiKeys;

    public ApiKeysApi(CurrentCaller caller, ApiKeys apiKeys) {
        this.caller = caller;
        this.apiKeys = apiKeys;
    }

    @Query("apiKeys")
    @Description("Your API keys, revoked ones included, oldest first.")
    public @NonNull ApiKeyConnection apiKeys(
            @Name("first") @Description("Page size, 1 to 100 (default 20).") Integer first,
            @Name("after") @Description("The endCursor of the previous page.") String after) {
        Caller who = caller.get();
        return new ApiKeyConnection(
                apiKeys.list(who, Pages.request(first, after)), () -> apiKeys.count(who));
    }

    @Mutation("createApiKey")
    @Description("A new key; its secret is in the answer and nowhere else, ever.")
    public @NonNull CreatedApiKey createApiKey(
            @Name("name") @NonNull @Description("What it is for, e.g. laptop CLI.") String name) {
        return CreatedApiKey.of(apiKeys.create(caller.get(), name));
    }

    @Mutation("revokeApiKey")
    @Description("Revokes a key at once; revoking it again changes nothing.")
    public @NonNull ApiKey revokeApiKey(@Name("id") @NonNull @Id String id) {
        return ApiKey.of(apiKeys.revoke(caller.get(), id));
    }

    @Name("totalCount")
    @Description("How many there are in all pages together.")
    public int apiKeysTotal(@Source ApiKeyConnection connection) {
        return Math.toIntExact(connection.countAll());
    }
}
