package ink.ml.deploy.mcp.oauth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.platform.oauth.Pkce;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an MCP client and its user's browser do, step by step, over plain HTTP: register, authorize,
 * consent, exchange, refresh, revoke. Every step returns the raw response so tests can check the
 * bad cases too.
 */
final class OAuthDance {
    static final String RESOURCE = "https://mcp.test/mcp";
    static final String REDIRECT_URI = "http://127.0.0.1:33418/callback";

    private static final Pattern HIDDEN =
            Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
    private static final SecureRandom RANDOM = new SecureRandom();

    private OAuthDance() {}

    /** A client as an MCP client registers itself; returns its client_id. */
    static String register(String name, String... redirectUris) {
        return registration(name, redirectUris).then().statusCode(201).extract().path("client_id");
    }

    static Response registration(String name, String... redirectUris) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_name", name);
        body.put("redirect_uris", redirectUris);
        body.put("grant_types", new String[] {"authorization_code", "refresh_token"});
        body.put("response_types", new String[] {"code"});
        body.put("token_endpoint_auth_method", "none");
        return given().contentType(ContentType.JSON).body(body).post("/oauth/register");
    }

    static String newVerifier() {
        byte[] bytes = new byte[48];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The authorization request parameters of a well-behaved client. */
    static Map<String, String> authorizeParams(String clientId, String verifier, String state) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", clientId);
        params.put("redirect_uri", REDIRECT_URI);
        params.put("code_challenge", Pkce.challengeOf(verifier));
        params.put("code_challenge_method", "S256");
        params.put("state", state);
        params.put("resource", RESOURCE);
        params.put("scope", "deploy");
        return params;
    }

    /** GET /oauth/authorize, redirects not followed, with an optional session cookie. */
    static Response authorize(Map<String, String> params, String sessionCookie) {
        var request = given().redirects().follow(false).queryParams(params);
        if (sessionCookie != null) {
            request.cookie(SessionCookie.NAME, sessionCookie);
        }
        return request.get("/oauth/authorize");
    }

    /** Submits the consent page the response shows, with the given decision. */
    static Response decide(Response consentPage, String sessionCookie, String decision) {
        assertThat(consentPage.statusCode()).isEqualTo(200);
        Map<String, String> form = hiddenFields(consentPage.asString());
        form.put("decision", decision);
        return given().redirects()
                .follow(false)
                .contentType(ContentType.URLENC)
                .cookie(SessionCookie.NAME, sessionCookie)
                .formParams(form)
                .post("/oauth/authorize");
    }

    /** Signed in already: authorize, approve, and return the code from the redirect. */
    static String approve(Map<String, String> params, String sessionCookie) {
        Response redirect = decide(authorize(params, sessionCookie), sessionCookie, "approve");
        assertThat(redirect.statusCode()).isEqualTo(302);
        Map<String, String> answer = query(redirect.header("Location"));
        assertThat(answer).containsEntry("state", params.get("state"));
        return answer.get("code");
    }

    static Response exchange(String clientId, String code, String verifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", clientId);
        form.put("code", code);
        form.put("redirect_uri", REDIRECT_URI);
        if (verifier != null) {
            form.put("code_verifier", verifier);
        }
        form.put("resource", RESOURCE);
        return token(form);
    }

    static Response refresh(String clientId, String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", clientId);
        form.put("refresh_token", refreshToken);
        form.put("resource", RESOURCE);
        return token(form);
    }

    static Response revoke(String clientId, String token) {
        return given().contentType(ContentType.URLENC)
                .formParam("token", token)
                .formParam("client_id", clientId)
                .post("/oauth/revoke");
    }

    static Response token(Map<String, String> form) {
        return given().contentType(ContentType.URLENC).formParams(form).post("/oauth/token");
    }

    static Map<String, String> hiddenFields(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher matcher = HIDDEN.matcher(html);
        while (matcher.find()) {
            fields.put(matcher.group(1), unescape(matcher.group(2)));
        }
        return fields;
    }

    /** The query parameters of a Location header. */
    static Map<String, String> query(String location) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String raw = URI.create(location).getRawQuery();
        if (raw == null) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            parameters.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    /** The path and query of a URL, to follow it on the test server. */
    static String pathAndQuery(String location) {
        URI uri = URI.create(location);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
