package ink.ml.deploy.graphql.auth.firebase;

import static ink.ml.deploy.platform.common.ConstraintViolations.violates;

import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.graphql.auth.BearerTokenRequest;
import ink.ml.deploy.graphql.auth.CallerIdentities;
import ink.ml.deploy.graphql.auth.CredentialKind;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.sessions.FirebaseIdentity;
import ink.ml.deploy.platform.sessions.FirebaseSignIn;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;

/**
 * Signs in with a Firebase ID token: verified first (refused outright when Firebase is not
 * configured), then the platform user with that Firebase uid, created with a default project on the
 * first sign-in.
 */
@ApplicationScoped
public class FirebaseIdentityProvider
        implements IdentityProvider<BearerTokenRequest.FirebaseIdToken> {
    private static final String UNIQUE_FIREBASE_UID = "users_firebase_uid_key";

    private final FirebaseIdTokenVerifier verifier;
    private final FirebaseSignIn signIn;

    public FirebaseIdentityProvider(FirebaseIdTokenVerifier verifier, FirebaseSignIn signIn) {
        this.verifier = verifier;
        this.signIn = signIn;
    }

    @Override
    public Class<BearerTokenRequest.FirebaseIdToken> getRequestType() {
        return BearerTokenRequest.FirebaseIdToken.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            BearerTokenRequest.FirebaseIdToken request, AuthenticationRequestContext context) {
        // Fetching the JWKS and the user lookup both block.
        return context.runBlocking(
                () -> {
                    FirebaseIdentity identity;
                    try {
                        identity = verifier.verify(request.token());
                    } catch (InvalidFirebaseIdTokenException e) {
                        throw new AuthenticationFailedException(e.getMessage());
                    }
                    try {
                        return CallerIdentities.of(
                                signInOnce(identity), CredentialKind.FIREBASE_ID_TOKEN);
                    } catch (InvalidValueException e) {
                        // A verified token whose uid the users table cannot hold (non-ASCII).
                        throw new AuthenticationFailedException(
                                "this Firebase account cannot sign in here: " + e.getMessage());
                    }
                });
    }

    private Caller signInOnce(FirebaseIdentity identity) {
        try {
            return signIn.signIn(identity);
        } catch (PersistenceException e) {
            if (violates(e, UNIQUE_FIREBASE_UID)) {
                // Two first requests of one Firebase user raced; the other one created the user.
                return signIn.signIn(identity);
            }
            throw e;
        }
    }
}
