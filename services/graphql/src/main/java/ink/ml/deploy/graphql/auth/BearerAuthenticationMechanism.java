package ink.ml.deploy.graphql.auth;

import ink.ml.deploy.platform.apikeys.ApiKeys;
import ink.ml.deploy.platform.sessions.Sessions;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * The one way a request signs in: {@code Authorization: Bearer <token>}, where the token's shape
 * says which credential it is ({@code dk_live_…} API key, {@code dk_sess_…} session). No header
 * means anonymous (every field that needs a caller then answers UNAUTHENTICATED); a header that
 * does not verify is refused with 401 before anything runs, even on public paths.
 */
@ApplicationScoped
public class BearerAuthenticationMechanism implements HttpAuthenticationMechanism {
    static final String SCHEME = "Bearer";
    static final String WWW_AUTHENTICATE = "WWW-Authenticate";

    @Override
    public Uni<SecurityIdentity> authenticate(
            RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return Uni.createFrom().nullItem();
        }
        AuthenticationRequest request;
        try {
            request = requestFor(header);
        } catch (AuthenticationFailedException e) {
            return Uni.createFrom().failure(e);
        }
        return identityProviderManager.authenticate(
                HttpSecurityUtils.setRoutingContextAttribute(request, context));
    }

    /** Sorts a header value by shape; never puts the presented value into an error. */
    static AuthenticationRequest requestFor(String header) {
        if (header.length() <= SCHEME.length()
                || !header.regionMatches(true, 0, SCHEME + " ", 0, SCHEME.length() + 1)) {
            throw new AuthenticationFailedException(
                    "the Authorization header must be 'Bearer <token>'");
        }
        String token = header.substring(SCHEME.length() + 1).strip();
        if (token.startsWith(ApiKeys.SECRET_PREFIX)) {
            return new BearerTokenRequest.ApiKey(token);
        }
        if (token.startsWith(Sessions.TOKEN_PREFIX)) {
            return new BearerTokenRequest.Session(token);
        }
        throw new AuthenticationFailedException(
                "the bearer token is not an API key (dk_live_…) or a session token (dk_sess_…)");
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, WWW_AUTHENTICATE, SCHEME));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(BearerTokenRequest.ApiKey.class, BearerTokenRequest.Session.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom()
                .item(
                        new HttpCredentialTransport(
                                HttpCredentialTransport.Type.AUTHORIZATION, SCHEME.toLowerCase()));
    }
}
