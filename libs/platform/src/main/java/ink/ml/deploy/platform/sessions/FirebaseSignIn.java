package ink.ml.deploy.platform.sessions;

import ink.ml.deploy.domain.UserId;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.users.Registration;
import ink.ml.deploy.platform.users.Users;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Signs a verified Firebase user in: the platform user with that Firebase uid, or on a first
 * sign-in a new user with their default project. The ID token itself is the bearer credential, so
 * no session is issued.
 */
@ApplicationScoped
public class FirebaseSignIn {
    private final Users users;

    public FirebaseSignIn(Users users) {
        this.users = users;
    }

    @Transactional
    public Caller signIn(FirebaseIdentity identity) {
        return new Caller(
                users.findByFirebaseUid(identity.uid())
                        .orElseGet(
                                () ->
                                        UserId.of(
                                                users.register(
                                                                Registration.fromFirebase(
                                                                        identity.uid(),
                                                                        identity.name(),
                                                                        identity.email()))
                                                        .id())));
    }
}
