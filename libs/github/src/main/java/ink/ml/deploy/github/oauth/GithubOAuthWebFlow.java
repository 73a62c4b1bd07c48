package ink.ml.deploy.github.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The GitHub calls of the OAuth web flow, as GitHub documents them: exchange the code (with the
 * PKCE verifier) at the token URL, then {@code GET /user} and, when the profile hides the email,
 * {@code GET /user/emails}. libs/auth's {@code GithubWebSignIn} runs it for both front doors. The
 * token is never logged or put into an error.
 */
public final class GithubOAuthWebFlow {
    private static final String API_VERSION = "2022-11-28";

    private final GithubOAuthApp app;
    private final ObjectMapper json;
    private final HttpClient http;

    public GithubOAuthWebFlow(GithubOAuthApp app, ObjectMapper json) {
        this.app = app;
        this.json = json;
        this.http =
                HttpClient.newBuilder()
                        .connectTimeout(app.requestTimeout())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
    }

    /**
     * GitHub's access token for a callback's code.
     *
     * @param redirectUri the callback URL the authorize request named, when it named one
     */
    public String exchangeCode(String code, String verifier, Optional<URI> redirectUri) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", app.clientId());
        form.put("client_secret", app.clientSecret());
        form.put("code", code);
        form.put("code_verifier", verifier);
        redirectUri.ifPresent(url -> form.put("redirect_uri", url.toString()));
        HttpRequest request =
                HttpRequest.newBuilder(app.tokenUrl())
                        .timeout(app.requestTimeout())
                        .header("Accept", "application/json")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(formEncode(form)))
                        .build();
        JsonNode body = parse(send(request, "the token exchange"), "the token exchange");
        // GitHub reports a refused code with 200 and an "error" field.
        String error = body.path("error").asText("");
        if (error.equals("bad_verification_code")) {
            throw GithubSignInException.rejected(
                    "GitHub refused the sign-in code (it expired or was already used); sign in"
                            + " again");
        }
        if (!error.isEmpty()) {
            throw GithubSignInException.unavailable(
                    "GitHub refused the token exchange ("
                            + error
                            + "): the sign-in is misconfigured on the server",
                    null);
        }
        String token = body.path("access_token").asText("");
        if (token.isEmpty()) {
            throw GithubSignInException.unavailable(
                    "GitHub's token exchange answered without an access token", null);
        }
        return token;
    }

    /** The signed-in GitHub user, with their primary verified email when GitHub shares it. */
    public GithubUser user(String token) {
        JsonNode user = parse(send(api("/user", token), "GET /user"), "GET /user");
        long id = user.path("id").asLong(0);
        String login = user.path("login").asText("");
        if (id <= 0 || login.isEmpty()) {
            throw GithubSignInException.unavailable(
                    "GitHub's /user answer has no id or login", null);
        }
        String email = textOrNull(user.get("email"));
        if (email == null) {
            email = primaryVerifiedEmail(token);
        }
        return new GithubUser(id, login, textOrNull(user.get("name")), email);
    }

    /** Null when the token may not read emails (scope not granted) or none is verified. */
    private String primaryVerifiedEmail(String token) {
        HttpResponse<String> response = send(api("/user/emails", token), "GET /user/emails");
        if (response.statusCode() == 403 || response.statusCode() == 404) {
            return null;
        }
        for (JsonNode email : parse(response, "GET /user/emails")) {
            if (email.path("primary").asBoolean() && email.path("verified").asBoolean()) {
                return textOrNull(email.get("email"));
            }
        }
        return null;
    }

    private HttpRequest api(String path, String token) {
        String root = app.apiUrl().toString();
        String base = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(app.requestTimeout())
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", API_VERSION)
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
    }

    private HttpResponse<String> send(HttpRequest request, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw GithubSignInException.unavailable(
                    "GitHub is unreachable (" + what + "); try again in a moment", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GithubSignInException.unavailable("interrupted while calling GitHub", e);
        }
    }

    private JsonNode parse(HttpResponse<String> response, String what) {
        if (response.statusCode() / 100 != 2) {
            throw GithubSignInException.unavailable(
                    "GitHub answered " + response.statusCode() + " to " + what, null);
        }
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw GithubSignInException.unavailable(
                    "GitHub's answer to " + what + " is not JSON", e);
        }
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() || node.asText().isBlank() ? null : node.asText();
    }

    private static String formEncode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(
                        e ->
                                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                                        + "="
                                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
