package ink.ml.deploy.local;

import java.io.IOException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Makes one-time sign-in links to the dashboard (served by graphql at {@code /}): graphql's {@code
 * POST /auth/session} turns an ID token into a session, handed back as the dashboard's cookie; the
 * link carries that session as {@code #token=…}, and the dashboard exchanges it for a cookie of its
 * own, which revokes the link's session. A fragment never reaches a server log.
 */
final class DashboardSignIn {
    static final String SESSION_COOKIE = "mcpdeploy_session";
    static final String CSRF_HEADER = "X-MCPDeploy-CSRF";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI dashboard;
    private final HttpClient http;

    DashboardSignIn(URI dashboard) {
        this.dashboard = dashboard;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A link that signs the ID token's user in to the dashboard, once. */
    URI link(String idToken) {
        HttpResponse<String> response;
        try {
            response =
                    http.send(
                            HttpRequest.newBuilder(dashboard.resolve("/auth/session"))
                                    .timeout(TIMEOUT)
                                    .header("Authorization", "Bearer " + idToken)
                                    .header(CSRF_HEADER, "1")
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("graphql's /auth/session cannot be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        String session =
                response.headers().allValues("Set-Cookie").stream()
                        .flatMap(header -> HttpCookie.parse(header).stream())
                        .filter(cookie -> cookie.getName().equals(SESSION_COOKIE))
                        .map(HttpCookie::getValue)
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "graphql's /auth/session answered "
                                                        + response.statusCode()
                                                        + " without a session: "
                                                        + response.body()));
        return dashboard.resolve("/#token=" + session);
    }
}
