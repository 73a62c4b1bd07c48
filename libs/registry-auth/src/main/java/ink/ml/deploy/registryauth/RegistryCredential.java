package ink.ml.deploy.registryauth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A user name and password for the registry's token realm: the user name is the project namespace,
 * the password a grant this platform signed. Its {@code toString} never shows the password.
 */
public record RegistryCredential(String username, String password) {

    /** {@code base64(username:password)}: the {@code auth} of a Docker config file entry. */
    public String dockerAuth() {
        return Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "RegistryCredential[username=" + username + ", password=***]";
    }
}
