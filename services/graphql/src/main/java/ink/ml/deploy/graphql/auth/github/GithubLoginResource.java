package ink.ml.deploy.graphql.auth.github;

import ink.ml.deploy.auth.github.GithubWebSignIn;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.github.oauth.GithubSignInException;
import ink.ml.deploy.graphql.auth.ErrorBody;
import ink.ml.deploy.platform.sessions.IssuedSession;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * GitHub sign-in for the dashboard ({@link GithubWebSignIn}: OAuth web flow with {@code state}
 * bound to the browser and PKCE S256).
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

    /** The cookie that binds a started sign-in to the browser. */
    public static final String COOKIE = "mcpdeploy_github_login";

    private final GithubOAuthConfig config;
    private final GithubWebSignIn github;

    public GithubLoginResource(GithubOAuthConfig config, GithubWebSignIn github) {
        this.config = config;
        this.github = github;
    }

    @GET
    @Path("/login")
    public Response login() {
        if (!config.enabled()) {
            return notConfigured();
        }
        GithubWebSignIn.Redirect toGithub = github.start("");
        return Response.status(Response.Status.FOUND)
                .location(toGithub.location())
                .cookie(toGithub.cookie())
                .cacheControl(noStore())
                .build();
    }

    @GET
    @Path("/callback")
    public Response callback(
            @QueryParam("code") String code,
            @QueryParam("state") String state,
            @QueryParam("error") String error,
            @CookieParam(COOKIE) String cookie) {
        if (!config.enabled()) {
            return notConfigured();
        }
        try {
            return signedIn(github.finish(code, state, error, cookie).session());
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
                    .cookie(github.clearCookie())
                    .cacheControl(noStore())
                    .build();
        }
        return Response.ok(
                        new SignInResult(session.token(), session.expiresAt(), session.userId()),
                        MediaType.APPLICATION_JSON_TYPE)
                .cookie(github.clearCookie())
                .cacheControl(noStore())
                .build();
    }

    private Response failure(int status, String code, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(code, message))
                .cookie(github.clearCookie())
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
