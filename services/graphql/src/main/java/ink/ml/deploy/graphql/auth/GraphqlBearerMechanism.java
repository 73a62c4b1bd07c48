package ink.ml.deploy.graphql.auth;

import ink.ml.deploy.auth.BearerAuthenticationMechanism;
import ink.ml.deploy.graphql.auth.firebase.FirebaseIdTokenRequest;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * The dashboard API's one way to sign in: {@code Authorization: Bearer <token>} with an API key
 * ({@code dk_live_…}), a session ({@code dk_sess_…}) or a Firebase ID token (a JWT, verified by
 * quarkus-oidc: {@link ink.ml.deploy.graphql.auth.firebase.FirebaseIdentityProvider}). No header
 * means anonymous (every field that needs a caller then answers UNAUTHENTICATED); any other scheme
 * is refused, since every credential here is a bearer token.
 */
// A singleton, not a client proxy: the shared base class has no no-args constructor.
@Singleton
public class GraphqlBearerMechanism extends BearerAuthenticationMechanism {
    public GraphqlBearerMechanism(GraphqlRefusalFormat format) {
        super(format, OtherSchemes.REFUSE);
    }

    @Override
    protected AuthenticationRequest requestFor(String token, RoutingContext context) {
        return platformCredential(token)
                .<AuthenticationRequest>map(request -> request)
                .or(() -> FirebaseIdTokenRequest.ofShape(token))
                .orElseThrow(
                        () ->
                                new AuthenticationFailedException(
                                        "the bearer token is not an API key (dk_live_…), a session"
                                                + " token (dk_sess_…) or a Firebase ID token"));
    }

    @Override
    protected Set<Class<? extends AuthenticationRequest>> ownCredentialTypes() {
        return Set.of(FirebaseIdTokenRequest.class);
    }
}
