package ink.ml.deploy.graphql.github;

import com.fasterxml.jackson.annotation.JsonInclude;
import ink.ml.deploy.auth.CurrentCaller;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.platform.github.GithubAccountView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /auth/github/installation/callback?installation_id=…&setup_action=install}: links the
 * GitHub App installation the user just made (or reconfigured) to their account. Needs the
 * signed-in caller; answers JSON.
 *
 * <p>Callers sign in with a bearer token, which a browser following GitHub's redirect does not
 * send. So the App's "Setup URL" is a dashboard page, which passes {@code installation_id} and
 * {@code setup_action} on to this endpoint with its token; a script can call it the same way. The
 * {@code installation} webhook links the installation too, for users who signed in with GitHub
 * before installing the App.
 */
@Path("/auth/github/installation")
public class GithubInstallationCallbackResource {
    private final CurrentCaller caller;
    private final GithubInstallationLinks links;

    public GithubInstallationCallbackResource(CurrentCaller caller, GithubInstallationLinks links) {
        this.caller = caller;
        this.links = links;
    }

    /** What the callback answers. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CallbackReply(
            String outcome, String message, Long installationId, String githubLogin) {}

    @GET
    @Path("callback")
    @Produces(MediaType.APPLICATION_JSON)
    public Response callback(
            @QueryParam("installation_id") String installationId,
            @QueryParam("setup_action") String setupAction) {
        var who = caller.get();
        try {
            if ("request".equals(setupAction)) {
                // An organization member asked its owners to install the App: no installation
                // exists yet. The installation webhook links it once an owner approves.
                return reply(
                        202,
                        new CallbackReply(
                                "requested",
                                "an organization owner must approve the installation first",
                                null,
                                null));
            }
            if (!"install".equals(setupAction) && !"update".equals(setupAction)) {
                throw new InvalidValueException(
                        "setup_action", "must be install, update or request");
            }
            GithubAccountView linked = links.link(who, parseId(installationId));
            return reply(
                    200,
                    new CallbackReply(
                            "linked",
                            "the GitHub App installation is linked: its repositories can deploy",
                            linked.installationId().orElseThrow(),
                            linked.login()));
        } catch (InvalidValueException e) {
            return reply(400, new CallbackReply("rejected", e.getMessage(), null, null));
        } catch (GithubApiException e) {
            return reply(e.httpStatus(), new CallbackReply("rejected", e.getMessage(), null, null));
        }
    }

    private static long parseId(String installationId) {
        if (installationId == null || !installationId.matches("[1-9][0-9]{0,17}")) {
            throw new InvalidValueException(
                    "installation_id", "must be a positive GitHub installation id");
        }
        return Long.parseLong(installationId);
    }

    private static Response reply(int status, CallbackReply body) {
        return Response.status(status).entity(body).build();
    }
}
