package ink.ml.deploy.graphql.auth.github;

import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.github.oauth.GithubOAuthWebFlow;
import ink.ml.deploy.github.oauth.GithubSignInException;
import ink.ml.deploy.github.oauth.GithubUser;
import ink.ml.deploy.graphql.auth.ErrorBody;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.sessions.GithubIdentity;
import ink.ml.deploy.platform.sessions.GithubSignIn;
import ink.ml.deploy.platform.sessions.IssuedSession;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * GitHub sign-in for the dashboard (OAuth web flow with {@code state} bound to the browser and PKCE
 * S256).
 *
 * <ol>
 *   <li>{@code GET /auth/github/login}: 302 to GitHub's authorize page; a sealed HttpOnly cookie
 *       holds the state and the PKCE verifier.
 *   <li>{@code GET /auth/github/callback?code&state}: checks the state against the cookie,
 *       exchanges the code with the verifier, reads the GitHub user, signs them in (a first sign-in
 *       creates the user and their default project; the GitHub token is stored sealed) and issues a
 *       session. With {@code mcpdeploy.github.oauth.dashboard-url} set, the browser is sent there
 *       with {@code #token=…&expires_at=…} (a fragment never reaches a server); otherwise the
 *       answer is JSON {@link SignInResult}.
 * </ol>
 */
@Path("/auth/github")
public class GithubLoginResource {
    private static final Logger LOG = Logger.getLogger(GithubLoginResource.class);

    /** GitHub's codes are short hex or base64url strings; anything else is not a code. */
    private static final Pattern CODE_SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    private final GithubOAuthConfig config;
    private final LoginAttemptCookie cookies;
    private final GithubOAuthWebFlow github;
    private final GithubSignIn signIn;

    public GithubLoginResource(
            GithubOAuthConfig config,
            LoginAttemptCookie cookies,
            GithubOAuthWebFlow github,
            GithubSignIn signIn) {
        this.config = config;
        this.cookies = cookies;
        this.github = github;
        this.signIn = signIn;
    }

    @GET
    @Path("/login")
    public Response login() {
        if (!config.enabled()) {
            return notConfigured();
        }
        Instant now = Instant.now();
        LoginAttempt attempt = LoginAttempt.start(now, config.loginTimeout());
        UriBuilder authorize =
                UriBuilder.fromUri(config.authorizeUrl())
                        .queryParam("client_id", config.clientId().orElseThrow())
                        .queryParam("scope", config.scope())
                        .queryParam("state", attempt.state())
                        .queryParam("code_challenge", Pkce.challenge(attempt.verifier()))
                        .queryParam("code_challenge_method", Pkce.METHOD)
                        .queryParam("allow_signup", "true");
        config.callbackUrl().ifPresent(url -> authorize.queryParam("redirect_uri", url));
        return Response.status(Response.Status.FOUND)
                .location(authorize.build())
                .cookie(cookies.issue(attempt, now))
                .cacheControl(noStore())
                .build();
    }

    @GET
    @Path("/callback")
    public Response callback(
            @QueryParam("code") String code,
            @QueryParam("state") String state,
            @QueryParam("error") String error,
            @CookieParam(LoginAttemptCookie.NAME) String cookie) {
        if (!config.enabled()) {
            return notConfigured();
        }
        try {
            return signedIn(finish(code, state, error, cookie));
        } catch (GithubSignInException e) {
            if (e.isUsersFault()) {
                return failure(400, ErrorBody.BAD_USER_INPUT, e.getMessage());
            }
            LOG.warnf(e, "GitHub sign-in failed: %s", e.getMessage());
            return failure(502, ErrorBody.UNAVAILABLE, e.getMessage());
        } catch (InvalidValueException e) {
            // GitHub's answer broke a platform rule (e.g. a login shape): not the person's fault.
            LOG.warnf("GitHub sign-in refused GitHub's profile: %s", e.getMessage());
            return failure(
                    502,
                    ErrorBody.UNAVAILABLE,
                    "GitHub's profile could not be used: " + e.getMessage());
        }
    }

    private IssuedSession finish(String code, String state, String error, String cookie) {
        if (error != null) {
            throw GithubSignInException.rejected(
                    "GitHub sign-in did not complete ("
                            + (error.length() > 64 ? error.substring(0, 64) : error)
                            + "); start again at /auth/github/login");
        }
        LoginAttempt attempt =
                cookies.open(cookie)
                        .orElseThrow(
                                () ->
                                        GithubSignInException.rejected(
                                                "this sign-in was not started in this browser;"
                                                        + " start again at /auth/github/login"));
        if (attempt.isExpiredAt(Instant.now())) {
            throw GithubSignInException.rejected(
                    "this sign-in took too long; start again at /auth/github/login");
        }
        if (!attempt.stateMatches(state)) {
            throw GithubSignInException.rejected(
                    "state: does not match the sign-in started in this browser; start again at"
                            + " /auth/github/login");
        }
        if (code == null || !CODE_SHAPE.matcher(code).matches()) {
            throw GithubSignInException.rejected("code: missing or not a GitHub code");
        }
        String token = github.exchangeCode(code, attempt.verifier(), config.callbackUrl());
        GithubUser user = github.user(token);
        GithubIdentity identity =
                new GithubIdentity(user.id(), user.login(), user.name(), user.email());
        try {
            return signIn.signIn(identity, token);
        } catch (ConflictException raced) {
            // Two first sign-ins of one GitHub account raced; the other created the user, and its
            // link now finds it.
            return signIn.signIn(identity, token);
        }
    }

    private Response signedIn(IssuedSession session) {
        Optional<URI> dashboard = config.dashboardUrl();
        if (dashboard.isPresent()) {
            URI target =
                    URI.create(
                            dashboard.get().toString().split("#", 2)[0]
                                    + "#token="
                                    + session.token()
                                    + "&expires_at="
                                    + URLEncoder.encode(
                                            session.expiresAt().toString(),
                                            StandardCharsets.UTF_8));
            return Response.status(Response.Status.FOUND)
                    .location(target)
                    .cookie(cookies.clear())
                    .cacheControl(noStore())
                    .build();
        }
        return Response.ok(
                        new SignInResult(session.token(), session.expiresAt(), session.userId()),
                        MediaType.APPLICATION_JSON_TYPE)
                .cookie(cookies.clear())
                .cacheControl(noStore())
                .build();
    }

    private Response failure(int status, String code, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(code, message))
                .cookie(cookies.clear())
                .cacheControl(noStore())
                .build();
    }

    private static Response notConfigured() {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(
                        ErrorBody.of(
                                ErrorBody.UNAVAILABLE,
                                "GitHub sign-in is not configured on this server"
                                        + " (mcpdeploy.github.oauth.client-id and client-secret)"))
                .build();
    }

    private static CacheControl noStore() {
        CacheControl cacheControl = new CacheControl();
        cacheControl.setNoStore(true);
        return cacheControl;
    }
}
