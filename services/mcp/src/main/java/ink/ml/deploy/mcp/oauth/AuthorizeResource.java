package ink.ml.deploy.mcp.oauth;

import ink.ml.deploy.auth.github.GithubWebSignIn;
import ink.ml.deploy.platform.oauth.OAuthError;
import ink.ml.deploy.platform.oauth.OAuthException;
import ink.ml.deploy.platform.oauth.OAuthGrants;
import ink.ml.deploy.platform.oauth.RegisteredClient;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The authorization endpoint (RFC 6749 §4.1 with PKCE S256 and RFC 8707): checks the request, has
 * the user sign in (an existing platform session, else GitHub), shows the consent page, and on
 * approval sends the browser back to the client with a one-time code.
 */
@Path(AuthorizeResource.PATH)
public class AuthorizeResource {
    static final String PATH = "/oauth/authorize";

    private final AuthorizationChecks checks;
    private final SessionCookie sessions;
    private final ConsentCsrf csrf;
    private final GithubWebSignIn github;
    private final OAuthGrants grants;
    private final OAuthUrls urls;

    public AuthorizeResource(
            AuthorizationChecks checks,
            SessionCookie sessions,
            ConsentCsrf csrf,
            GithubWebSignIn github,
            OAuthGrants grants,
            OAuthUrls urls) {
        this.checks = checks;
        this.sessions = sessions;
        this.csrf = csrf;
        this.github = github;
        this.grants = grants;
        this.urls = urls;
    }

    @GET
    public Response authorize(
            @QueryParam("response_type") String responseType,
            @QueryParam("client_id") String clientId,
            @QueryParam("redirect_uri") String redirectUri,
            @QueryParam("code_challenge") String codeChallenge,
            @QueryParam("code_challenge_method") String codeChallengeMethod,
            @QueryParam("state") String state,
            @QueryParam("resource") String resource,
            @QueryParam("scope") String scope,
            @CookieParam(SessionCookie.NAME) String sessionCookie,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        AuthorizeParams params =
                new AuthorizeParams(
                        responseType,
                        clientId,
                        redirectUri,
                        codeChallenge,
                        codeChallengeMethod,
                        state,
                        resource,
                        scope);
        RegisteredClient client;
        try {
            client = checks.trustedClient(params);
        } catch (UntrustedRedirectException e) {
            return page(
                    400, Pages.error("This authorization request is not valid", e.getMessage()));
        }
        ValidAuthorization valid;
        try {
            valid = checks.check(client, params);
        } catch (OAuthException e) {
            return redirectError(params.redirectUri(), e.error(), e.description(), state);
        }
        Optional<SignedIn> user = sessions.signedIn(sessionCookie, authorization);
        if (user.isEmpty()) {
            if (!github.enabled()) {
                return page(
                        503,
                        Pages.error(
                                "Sign-in is not available",
                                "GitHub sign-in is not configured on this server, and you have no"
                                        + " session here."));
            }
            GithubWebSignIn.Redirect toGithub = github.start(params.toQuery());
            return Response.status(Response.Status.FOUND)
                    .location(toGithub.location())
                    .cookie(toGithub.cookie())
                    .cacheControl(OAuthErrors.noStore())
                    .build();
        }
        return page(200, Pages.consent(consentPage(valid, params, user.get())));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(
            @FormParam("response_type") String responseType,
            @FormParam("client_id") String clientId,
            @FormParam("redirect_uri") String redirectUri,
            @FormParam("code_challenge") String codeChallenge,
            @FormParam("code_challenge_method") String codeChallengeMethod,
            @FormParam("state") String state,
            @FormParam("resource") String resource,
            @FormParam("scope") String scope,
            @FormParam("csrf_token") String csrfToken,
            @FormParam("decision") String decision,
            @CookieParam(SessionCookie.NAME) String sessionCookie,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        AuthorizeParams params =
                new AuthorizeParams(
                        responseType,
                        clientId,
                        redirectUri,
                        codeChallenge,
                        codeChallengeMethod,
                        state,
                        resource,
                        scope);
        RegisteredClient client;
        try {
            client = checks.trustedClient(params);
        } catch (UntrustedRedirectException e) {
            return page(
                    400, Pages.error("This authorization request is not valid", e.getMessage()));
        }
        Optional<SignedIn> user = sessions.signedIn(sessionCookie, authorization);
        if (user.isEmpty()) {
            return page(
                    401,
                    Pages.error(
                            "You are signed out",
                            "Your session ended before you answered. Start the authorization"
                                    + " again from your application."));
        }
        if (!csrf.verify(csrfToken, user.get(), params, Instant.now())) {
            return page(
                    403,
                    Pages.error(
                            "This approval was not made on this page",
                            "The form expired or did not come from this server. Start the"
                                    + " authorization again from your application."));
        }
        ValidAuthorization valid;
        try {
            valid = checks.check(client, params);
        } catch (OAuthException e) {
            return redirectError(params.redirectUri(), e.error(), e.description(), state);
        }
        if (!"approve".equals(decision)) {
            return redirectError(
                    valid.redirectUri(),
                    OAuthError.ACCESS_DENIED,
                    "the user denied the authorization",
                    state);
        }
        String code;
        try {
            code = grants.issueCode(user.get().caller(), valid.toRequest());
        } catch (OAuthException e) {
            return redirectError(valid.redirectUri(), e.error(), e.description(), state);
        }
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("code", code);
        answer.put("state", state);
        // RFC 9207: tells the client which server answered (mix-up defence).
        answer.put("iss", urls.issuer());
        return Response.status(Response.Status.FOUND)
                .location(ClientRedirects.with(valid.redirectUri(), answer))
                .cacheControl(OAuthErrors.noStore())
                .build();
    }

    private ConsentPage consentPage(
            ValidAuthorization valid, AuthorizeParams params, SignedIn user) {
        List<ConsentPage.HiddenField> fields =
                params.asMap().entrySet().stream()
                        .map(e -> new ConsentPage.HiddenField(e.getKey(), e.getValue()))
                        .toList();
        return new ConsentPage(
                valid.client().clientName(),
                URI.create(valid.redirectUri()).getHost(),
                user.caller().id(),
                fields,
                csrf.issue(user, params, Instant.now()));
    }

    private static Response redirectError(
            String redirectUri, OAuthError error, String description, String state) {
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("error", error.code());
        answer.put("error_description", description);
        answer.put("state", state);
        return Response.status(Response.Status.FOUND)
                .location(ClientRedirects.with(redirectUri, answer))
                .cacheControl(OAuthErrors.noStore())
                .build();
    }

    /** HTML that must never be framed (clickjacking on the Allow button) or cached. */
    private static Response page(int status, TemplateInstance page) {
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .entity(page.render())
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "frame-ancestors 'none'")
                .header("Referrer-Policy", "no-referrer")
                .cacheControl(OAuthErrors.noStore())
                .build();
    }
}
