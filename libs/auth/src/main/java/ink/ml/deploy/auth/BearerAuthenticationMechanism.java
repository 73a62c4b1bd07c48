package ink.ml.deploy.auth;

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
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The shared part of {@code Authorization: Bearer <token>} sign-in: the token's shape says which
 * credential it is, and each kind has its identity provider. API keys ({@code dk_live_…}) and
 * dashboard sessions ({@code dk_sess_…}) are sorted here; a front door sorts its own kinds in
 * {@link #requestFor} (MCP's access tokens, the dashboard's Firebase ID tokens). No header means
 * anonymous; a bearer token that does not verify is refused with 401 before anything runs, even on
 * public paths ({@link UnauthenticatedResponse}).
 */
public abstract class BearerAuthenticationMechanism implements HttpAuthenticationMechanism {
    public static final String SCHEME = "Bearer";
    public static final String WWW_AUTHENTICATE = "WWW-Authenticate";

    /** What a header with another scheme ({@code Basic …}) means to a front door. */
    public enum OtherSchemes {
        /** Refused: every credential of this front door is a bearer token. */
        REFUSE,
        /** Not ours to judge (an OAuth client authenticating with Basic at a token endpoint). */
        IGNORE
    }

    private final RefusalFormat format;
    private final OtherSchemes otherSchemes;

    protected BearerAuthenticationMechanism(RefusalFormat format, OtherSchemes otherSchemes) {
        this.format = format;
        this.otherSchemes = otherSchemes;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return Uni.createFrom().nullItem();
        }
        AuthenticationRequest request;
        try {
            if (!isBearer(header)) {
                if (otherSchemes == OtherSchemes.IGNORE) {
                    return Uni.createFrom().nullItem();
                }
                throw new AuthenticationFailedException(
                        "the Authorization header must be 'Bearer <token>'");
            }
            request = requestFor(header.substring(SCHEME.length() + 1).strip(), context);
        } catch (AuthenticationFailedException e) {
            return Uni.createFrom().failure(e);
        }
        return identityProviderManager.authenticate(
                HttpSecurityUtils.setRoutingContextAttribute(request, context));
    }

    /** {@code Bearer <something>}, the scheme in any case (RFC 7235 §2.1). */
    public static boolean isBearer(String header) {
        return header.length() > SCHEME.length() + 1
                && header.regionMatches(true, 0, SCHEME + " ", 0, SCHEME.length() + 1);
    }

    /**
     * Sorts a token by its shape into the request its identity provider takes.
     *
     * @throws AuthenticationFailedException when the shape is none this front door accepts; the
     *     message never contains the token
     */
    protected abstract AuthenticationRequest requestFor(String token, RoutingContext context);

    /** The front door's own request types, besides API keys and sessions. */
    protected abstract Set<Class<? extends AuthenticationRequest>> ownCredentialTypes();

    /** An API key or a dashboard session, by prefix. */
    protected static Optional<BearerTokenRequest> platformCredential(String token) {
        if (token.startsWith(ApiKeys.SECRET_PREFIX)) {
            return Optional.of(new BearerTokenRequest.ApiKey(token));
        }
        if (token.startsWith(Sessions.TOKEN_PREFIX)) {
            return Optional.of(new BearerTokenRequest.Session(token));
        }
        return Optional.empty();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom()
                .item(new ChallengeData(401, WWW_AUTHENTICATE, format.challenge(null)));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        Set<Class<? extends AuthenticationRequest>> types = new HashSet<>(ownCredentialTypes());
        types.add(BearerTokenRequest.ApiKey.class);
        types.add(BearerTokenRequest.Session.class);
        return types;
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom()
                .item(
                        new HttpCredentialTransport(
                                HttpCredentialTransport.Type.AUTHORIZATION, SCHEME.toLowerCase()));
    }
}
