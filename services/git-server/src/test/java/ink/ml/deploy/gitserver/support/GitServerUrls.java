package ink.ml.deploy.gitserver.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.ConfigProvider;

/** URLs of the running test git-server, with a token as the password. */
public final class GitServerUrls {
    private GitServerUrls() {}

    public static String base() {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        return "http://127.0.0.1:" + port;
    }

    public static String of(String repoPath, String token) {
        return "http://git:"
                + URLEncoder.encode(token, StandardCharsets.UTF_8)
                + "@127.0.0.1:"
                + ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class)
                + "/"
                + repoPath
                + ".git";
    }

    public static String anonymous(String repoPath) {
        return base() + "/" + repoPath + ".git";
    }
}
