package ink.ml.deploy.auth.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import ink.ml.deploy.github.oauth.GithubOAuthApp;
import ink.ml.deploy.github.oauth.GithubOAuthWebFlow;
import ink.ml.deploy.github.oauth.GithubSignInException;
import ink.ml.deploy.github.oauth.GithubUser;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.sessions.GithubIdentity;
import ink.ml.deploy.platform.sessions.GithubSignIn;
import jakarta.ws.rs.core.NewCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * GitHub sign-in as both front doors run it (OAuth web flow, {@code state} bound to the browser by
 * a sealed cookie, PKCE S256): {@link #start} sends the browser to GitHub's authorize page; {@link
 * #finish} checks GitHub's answer against the cookie, exchanges the code with the verifier, reads
 * the GitHub user and signs them in through the platform's {@link GithubSignIn} (a first sign-in
 * creates the user and their default project; the GitHub token is stored sealed), which issues a
 * session. What the front door does with the session (a dashboard redirect, a consent page) stays
 * in the front door.
 */
public final class GithubWebSignIn {
    /** GitHub's codes are short hex or base64url strings; anything else is not a code. */
    private static final Pattern CODE_SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    private final GithubSignInSettings settings;
    private final Optional<URI> callbackUrl;
    private final Duration timeout;
    private final PendingSignInCookie cookies;
    private final GithubOAuthWebFlow github;
    private final GithubSignIn signIn;
    private final String restart;

    /**
     * @param callbackUrl where GitHub sends the browser back; when absent, GitHub uses the callback
     *     registered for the app
     * @param timeout how long a started sign-in may take
     * @param restart what a person does when the sign-in cannot finish ("start again at …")
     */
    public GithubWebSignIn(
            GithubSignInSettings settings,
            Optional<URI> callbackUrl,
            Duration timeout,
            PendingSignInCookie cookies,
            GithubSignIn signIn,
            ObjectMapper json,
            String restart) {
        this.settings = settings;
        this.callbackUrl = callbackUrl;
        this.timeout = timeout;
        this.cookies = cookies;
        // Unconfigured credentials become empty strings: enabled() is false, and the front door
        // answers "not configured" before anything would call GitHub with them.
        this.github =
                new GithubOAuthWebFlow(
                        new GithubOAuthApp(
                                settings.clientId().orElse(""),
                                settings.clientSecret().orElse(""),
                                settings.tokenUrl(),
                                settings.apiUrl(),
                                settings.requestTimeout()),
                        json);
        this.signIn = signIn;
        this.restart = restart;
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /** The name of the cookie {@link #finish} reads. */
    public String cookieName() {
        return cookies.name();
    }

    /**
     * Where to send the browser, and the cookie that remembers the sign-in.
     *
     * @param returnTo given back by {@link #finish}; empty when there is nothing to return to
     */
    public Redirect start(String returnTo) {
        Instant now = Instant.now();
        PendingSignIn pending = PendingSignIn.start(now, timeout, returnTo);
        StringBuilder location =
                new StringBuilder(settings.authorizeUrl().toString())
                        .append("?client_id=")
                        .append(encode(settings.clientId().orElseThrow()));
        callbackUrl.ifPresent(
                url -> location.append("&redirect_uri=").append(encode(url.toString())));
        location.append("&scope=")
                .append(encode(settings.scope()))
                .append("&state=")
                .append(encode(pending.state()))
                .append("&code_challenge=")
                .append(encode(Pkce.challenge(pending.verifier())))
                .append("&code_challenge_method=")
                .append(Pkce.METHOD)
                .append("&allow_signup=true");
        return new Redirect(URI.create(location.toString()), cookies.issue(pending, now));
    }

    /**
     * Checks GitHub's answer against the browser's cookie and signs the user in.
     *
     * @throws GithubSignInException with a message a person can act on
     */
    public FinishedSignIn finish(String code, String state, String error, String cookie) {
        if (error != null) {
            throw GithubSignInException.rejected(
                    "GitHub sign-in did not complete ("
                            + (error.length() > 64 ? error.substring(0, 64) : error)
                            + "); "
                            + restart);
        }
        PendingSignIn pending =
                cookies.open(cookie)
                        .orElseThrow(
                                () ->
                                        GithubSignInException.rejected(
                                                "this sign-in was not started in this browser; "
                                                        + restart));
        if (pending.isExpiredAt(Instant.now())) {
            throw GithubSignInException.rejected("this sign-in took too long; " + restart);
        }
        if (!pending.stateMatches(state)) {
            throw GithubSignInException.rejected(
                    "state: does not match the sign-in started in this browser; " + restart);
        }
        if (code == null || !CODE_SHAPE.matcher(code).matches()) {
            throw GithubSignInException.rejected("code: missing or not a GitHub code");
        }
        String token = github.exchangeCode(code, pending.verifier(), callbackUrl);
        GithubUser user = github.user(token);
        GithubIdentity identity =
                new GithubIdentity(user.id(), user.login(), user.name(), user.email());
        try {
            return new FinishedSignIn(signIn.signIn(identity, token), pending.returnTo());
        } catch (ConflictException raced) {
            // Two first sign-ins of one GitHub account raced; the other created the user, and its
            // link now finds it.
            return new FinishedSignIn(signIn.signIn(identity, token), pending.returnTo());
        }
    }

    /** Expires the sign-in cookie: a sign-in is used once, whether it finished or failed. */
    public NewCookie clearCookie() {
        return cookies.clear();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A 302 to GitHub with the cookie to set. */
    public record Redirect(URI location, NewCookie cookie) {}
}
