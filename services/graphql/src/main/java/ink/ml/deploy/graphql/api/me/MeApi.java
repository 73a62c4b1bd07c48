package ink.ml.deploy.graphql.api.me;

import ink.ml.deploy.auth.CurrentCaller;
import ink.ml.deploy.platform.users.Users;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

@GraphQLApi
public class MeApi {
    private final CurrentCaller caller;
    private final Users users;

    public MeApi(CurrentCaller caller, Users users) {
        this.caller = caller;
        this.users = users;
    }

    @Query("me")
    @Description("Who the credential on this request belongs to.")
    public @NonNull User me() {
        return User.of(users.get(caller.get()));
    }
}
