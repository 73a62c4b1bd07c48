package ink.ml.deploy.graphql.auth.firebase;

import static ink.ml.deploy.platform.common.ConstraintViolations.violates;

import ink.ml.deploy.auth.CallerIdentities;
import ink.ml.deploy.auth.CredentialKind;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.sessions.FirebaseIdentity;
import ink.ml.deploy.platform.sessions.FirebaseSignIn;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.Tenant;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;

/**
 * Signs in with a Firebase ID token: verified by quarkus-oidc's {@link FirebaseTenant} (refused
 * outright when Firebase is not configured: never accepted unverified), then the platform user with
 * that Firebase uid, created with a default project on the first sign-in.
 */
@ApplicationScoped
public class FirebaseIdentityProvider implements IdentityProvider<FirebaseIdTokenRequest> {
    private static final String UNIQUE_FIREBASE_UID = "users_firebase_uid_key";

    private final FirebaseConfig config;
    private final TenantIdentityProvider oidc;
    private final FirebaseSignIn signIn;

    public FirebaseIdentityProvider(
            FirebaseConfig config,
            @Tenant(FirebaseTenant.ID) TenantIdentityProvider oidc,
            FirebaseSignIn signIn) {
        this.config = config;
        this.oidc = oidc;
        this.signIn = signIn;
    }

    @Override
    public Class<FirebaseIdTokenRequest> getRequestType() {
        return FirebaseIdTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            FirebaseIdTokenRequest request, AuthenticationRequestContext context) {
        if (!config.enabled()) {
            return Uni.createFrom()
                    .failure(
                            new AuthenticationFailedException(
                                    "Firebase ID tokens are not accepted: Firebase sign-in is not"
                                            + " configured on this server"));
        }
        return oidc.authenticate(new AccessTokenCredential(request.token()))
                .onFailure()
                .transform(FirebaseRefusals::refusal)
                .chain(
                        verified ->
                                // The user lookup (and a first sign-in's insert) block.
                                context.runBlocking(() -> signIn(verified)));
    }

    private SecurityIdentity signIn(SecurityIdentity verified) {
        if (!(verified.getPrincipal() instanceof OidcJwtCallerPrincipal jwt)) {
            throw new AuthenticationFailedException("the Firebase ID token is not valid");
        }
        FirebaseIdentity identity =
                FirebaseClaims.identityOf(jwt.getClaims(), config.clockSkewSeconds());
        try {
            return CallerIdentities.of(signInOnce(identity), CredentialKind.FIREBASE_ID_TOKEN);
        } catch (InvalidValueException e) {
            // A verified token whose uid the users table cannot hold (non-ASCII).
            throw new AuthenticationFailedException(
                    "this Firebase account cannot sign in here: " + e.getMessage());
        }
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
