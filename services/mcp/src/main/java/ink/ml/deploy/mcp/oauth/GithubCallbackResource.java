package ink.ml.deploy.mcp.oauth;

import ink.ml.deploy.auth.github.FinishedSignIn;
import ink.ml.deploy.auth.github.GithubWebSignIn;
import ink.ml.deploy.github.oauth.GithubSignInException;
import ink.ml.deploy.mcp.oauth.github.GithubSignInProducer;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.logging.Logger;

/**
 * Where GitHub sends the browser back during an authorization: signs the user in, keeps the new
 * platform session in this server's cookie, and returns to the authorization request, which now
 * shows the consent page.
 */
@Path(GithubSignInProducer.CALLBACK_PATH)
public class GithubCallbackResource {
    private static final Logger LOG = Logger.getLogger(GithubCallbackResource.class);

    private final GithubWebSignIn github;
    private final SessionCookie sessions;
    private final OAuthUrls urls;

    public GithubCallbackResource(GithubWebSignIn github, SessionCookie sessions, OAuthUrls urls) {
        this.github = github;
        this.sessions = sessions;
        this.urls = urls;
    }

    @GET
    public Response callback(
            @QueryParam("code") String code,
            @QueryParam("state") String state,
            @QueryParam("error") String error,
            @CookieParam(GithubSignInProducer.COOKIE) String cookie) {
        if (!github.enabled()) {
            return failure(503, "GitHub sign-in is not configured on this server.");
        }
        FinishedSignIn finished;
        try {
            finished = github.finish(code, state, error, cookie);
        } catch (GithubSignInException e) {
            if (!e.isUsersFault()) {
                LOG.warnf(e, "GitHub sign-in failed: %s", e.getMessage());
            }
            return failure(e.isUsersFault() ? 400 : 502, e.getMessage());
        }
        return Response.status(Response.Status.FOUND)
                .location(
                        URI.create(
                                urls.endpoint(AuthorizeResource.PATH) + "?" + finished.returnTo()))
                .cookie(sessions.issue(finished.session()), github.clearCookie())
                .cacheControl(OAuthErrors.noStore())
                .build();
    }

    private Response failure(int status, String message) {
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .entity(Pages.error("Sign-in failed", message).render())
                .cookie(github.clearCookie())
                .cacheControl(OAuthErrors.noStore())
                .build();
    }
}
