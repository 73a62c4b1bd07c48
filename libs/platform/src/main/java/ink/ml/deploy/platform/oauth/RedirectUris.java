package ink.ml.deploy.platform.oauth;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The redirect URIs a client may register: absolute {@code https} URIs, or {@code http} to the
 * loopback interface only (a native app listening on 127.0.0.1, RFC 8252 §7.3). No fragment (RFC
 * 6749 §3.1.2). They are later matched by exact string comparison, never by prefix.
 */
final class RedirectUris {
    static final int MAX_LENGTH = 2000;

    private RedirectUris() {}

    /** Throws {@link OAuthError#INVALID_REDIRECT_URI} naming what is wrong. */
    static String check(String value) {
        if (value == null || value.isBlank()) {
            throw invalid("a redirect URI is empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw invalid("a redirect URI is longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw invalid("'" + shorten(value) + "' is not a URI");
        }
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw invalid("'" + shorten(value) + "' must be an absolute URI with a host");
        }
        if (uri.getRawFragment() != null) {
            throw invalid("'" + shorten(value) + "' must not have a fragment (#…)");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid("'" + shorten(value) + "' must not carry user info");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return value;
        }
        if (scheme.equals("http") && isLoopback(uri.getHost())) {
            return value;
        }
        throw invalid(
                "'"
                        + shorten(value)
                        + "' must use https (http is allowed only for 127.0.0.1, [::1] or"
                        + " localhost)");
    }

    static boolean isLoopback(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Only IP literals: a name is never resolved here.
        if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static OAuthException invalid(String description) {
        return new OAuthException(OAuthError.INVALID_REDIRECT_URI, "redirect_uris: " + description);
    }

    private static String shorten(String value) {
        return value.length() > 100 ? value.substring(0, 100) + "…" : value;
    }
}
