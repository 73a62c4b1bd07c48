package ink.ml.deploy.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A browser going through graphql's GitHub sign-in against the fake GitHub: {@code
 * /auth/github/login} → GitHub's authorize page (the fake approves for its signed-in user) → {@code
 * /auth/github/callback} with the login cookie → a session token. Then the App installation
 * callback, as the dashboard's setup page calls it with that session.
 *
 * <p>Redirects are followed by hand: the login cookie is {@code Secure}, which a cookie store would
 * not send over the tests' plain HTTP, so it is carried as a browser on {@code localhost} would.
 */
final class GithubWebSignIn {
    private final URI graphqlRoot;
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();

    /**
     * @param graphqlRoot graphql's root, e.g. {@code http://127.0.0.1:P/}
     */
    GithubWebSignIn(URI graphqlRoot) {
        this.graphqlRoot = graphqlRoot;
    }

    /** Signs in with GitHub; returns the session token ({@code dk_sess_…}). */
    String signIn() {
        HttpResponse<String> login = get(graphqlRoot.resolve("/auth/github/login"), null, null);
        expectStatus(login, 302, "GET /auth/github/login");
        String cookie =
                login.headers()
                        .firstValue("Set-Cookie")
                        .map(header -> header.split(";", 2)[0])
                        .orElseThrow(() -> new AssertionError("the login set no cookie"));
        URI authorize = URI.create(login.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> approved = get(authorize, null, null);
        expectStatus(approved, 302, "GitHub's authorize page");
        URI callback = URI.create(approved.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> signedIn = get(callback, cookie, null);
        expectStatus(signedIn, 200, "GET /auth/github/callback");
        return json(signedIn).path("token").asText();
    }

    /**
     * The dashboard's setup page passing GitHub's {@code installation_id} on after the App was
     * installed; returns the callback's JSON answer.
     */
    JsonNode linkInstallation(String session, long installationId) {
        HttpResponse<String> linked =
                get(
                        graphqlRoot.resolve(
                                "/auth/github/installation/callback?installation_id="
                                        + installationId
                                        + "&setup_action=install"),
                        null,
                        session);
        expectStatus(linked, 200, "GET /auth/github/installation/callback");
        return json(linked);
    }

    private HttpResponse<String> get(URI uri, String cookie, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(uri.getPath() + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void expectStatus(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new AssertionError(
                    what
                            + " answered "
                            + response.statusCode()
                            + " (expected "
                            + status
                            + "): "
                            + response.body());
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return GraphqlClient.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
