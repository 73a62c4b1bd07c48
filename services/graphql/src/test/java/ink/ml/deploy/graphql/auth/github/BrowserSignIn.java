package ink.ml.deploy.graphql.auth.github;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What a browser does in GitHub sign-in: open {@code /auth/github/login}, follow the 302 to GitHub
 * (the authorize page is a person's step, so the test takes its parameters itself), and come back
 * to the callback with GitHub's code, the state and the cookie.
 */
final class BrowserSignIn {
    final Response login;
    final Map<String, String> authorizeParams;
    final String cookie;

    private BrowserSignIn(Response login) {
        this.login = login;
        URI location = URI.create(login.header("Location"));
        this.authorizeParams = query(location);
        this.cookie = login.getCookie(GithubLoginResource.COOKIE);
    }

    static BrowserSignIn start() {
        Response login = given().redirects().follow(false).get("/auth/github/login");
        assertThat(login.statusCode()).isEqualTo(302);
        return new BrowserSignIn(login);
    }

    String state() {
        return authorizeParams.get("state");
    }

    /** GitHub sends the browser back with this code. */
    Response callback(String code) {
        return callback(code, state(), cookie);
    }

    static Response callback(String code, String state, String cookie) {
        var request = given().redirects().follow(false);
        if (code != null) {
            request = request.queryParam("code", code);
        }
        if (state != null) {
            request = request.queryParam("state", state);
        }
        if (cookie != null) {
            request = request.cookie(GithubLoginResource.COOKIE, cookie);
        }
        return request.get("/auth/github/callback");
    }

    /** The query (or, without one, the fragment) of a URI, decoded. */
    static Map<String, String> query(URI uri) {
        return form(uri.getRawQuery() != null ? uri.getRawQuery() : uri.getRawFragment());
    }

    /** {@code a=1&b=2}, decoded. */
    static Map<String, String> form(String raw) {
        Map<String, String> params = new HashMap<>();
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(
                    URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return params;
    }
}
