package ink.ml.deploy.graphql.auth;

import ink.ml.deploy.auth.BearerAuthenticationMechanism;
import ink.ml.deploy.auth.BearerTokenRequest;
import ink.ml.deploy.graphql.auth.cookie.CookieSignIn;
import ink.ml.deploy.graphql.auth.cookie.SessionCookie;
import ink.ml.deploy.graphql.auth.firebase.FirebaseIdTokenRequest;
import ink.ml.deploy.platform.sessions.Sessions;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * The dashboard API's one way to sign in: {@code Authorization: Bearer <token>} with an API key
 * ({@code dk_live_…}), a session ({@code dk_sess_…}) or a Firebase ID token (a JWT, verified by
 * quarkus-oidc: {@link ink.ml.deploy.graphql.auth.firebase.FirebaseIdentityProvider}). No header
 * means anonymous (every field that needs a caller then answers UNAUTHENTICATED); any other scheme
 * is refused, since every credential here is a bearer token.
 *
 * <p>The dashboard's browser pages carry the same session in a cookie instead ({@link
 * SessionCookie}); {@link CookieSignIn} says when that cookie signs a request in. An {@code
 * Authorization} header always wins over the cookie.
 */
// A singleton, not a client proxy: the shared base class has no no-args constructor.
@Singleton
public class GraphqlBearerMechanism extends BearerAuthenticationMechanism {
    public GraphqlBearerMechanism(GraphqlRefusalFormat format) {
        super(format, OtherSchemes.REFUSE);
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            RoutingContext context, IdentityProviderManager identityProviderManager) {
        Cookie cookie = context.request().getCookie(SessionCookie.NAME);
        if (context.request().getHeader(HttpHeaders.AUTHORIZATION) != null
                || cookie == null
                || cookie.getValue().isEmpty()) {
            return super.authenticate(context, identityProviderManager);
        }
        String token = cookie.getValue();
        if (!token.startsWith(Sessions.TOKEN_PREFIX)) {
            return Uni.createFrom()
                    .failure(
                            new AuthenticationFailedException(
                                    "the dashboard's session cookie does not hold a session;"
                                            + " sign in again"));
        }
        CookieSignIn.Decision decision = CookieSignIn.judge(context.request());
        if (decision instanceof CookieSignIn.Refuse refuse) {
            return Uni.createFrom().failure(new AuthenticationFailedException(refuse.message()));
        }
        if (decision instanceof CookieSignIn.Ignore) {
            return Uni.createFrom().nullItem();
        }
        return identityProviderManager.authenticate(
                HttpSecurityUtils.setRoutingContextAttribute(
                        new BearerTokenRequest.Session(token), context));
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
