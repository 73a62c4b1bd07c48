package ink.ml.deploy.graphql.api.me;

import ink.ml.deploy.platform.users.UserView;
import java.time.Instant;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

@Description("The signed-in user.")
public record User(
        @NonNull @Id @Description("The platform user id; part of every service's hostname.")
                String id,
        String displayName,
        String email,
        @NonNull Instant createdAt) {
    static User of(UserView view) {
        return new User(view.id(), view.displayName(), view.email(), view.createdAt());
    }
}
