package ink.ml.deploy.auth.github;

import java.util.Objects;

/**
 * The pending-sign-in cookie of one front door.
 *
 * @param name the cookie's name
 * @param path sent only below this path (the callback's)
 * @param associatedData binds the sealed value to this front door: a cookie sealed for one does not
 *     open at the other
 * @param secure {@code Secure}: off only for a plain-http local setup
 */
public record SignInCookieSpec(String name, String path, String associatedData, boolean secure) {
    public SignInCookieSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(associatedData, "associatedData");
    }
}
