package ink.ml.deploy.testing.github;

import static ink.ml.deploy.testing.github.HttpExchanges.quote;

import java.util.List;
import java.util.Map;

/** The JSON bodies of GitHub's user API, with the fields the platform reads. */
final class GithubJson {
    private GithubJson() {}

    /** {@code GET /user}. */
    static String user(GithubUser user) {
        return "{\"id\":"
                + user.id()
                + ",\"login\":"
                + quote(user.login())
                + ",\"type\":\"User\",\"name\":"
                + quote(user.name())
                + ",\"email\":"
                + quote(user.email())
                + "}";
    }

    /** {@code GET /user/emails}: the primary verified address, when the user has one. */
    static String emails(GithubUser user) {
        return user.email() == null
                ? "[]"
                : "[{\"email\":"
                        + quote(user.email())
                        + ",\"primary\":true,\"verified\":true,\"visibility\":\"public\"}]";
    }

    /** {@code GET /user/installations}: the App installations on the user's account. */
    static String installations(
            Map<Long, GithubUser> installations, String appId, GithubUser user) {
        List<String> items =
                installations.entrySet().stream()
                        .filter(entry -> entry.getValue().equals(user))
                        .map(
                                entry ->
                                        "{\"id\":"
                                                + entry.getKey()
                                                + ",\"app_id\":"
                                                + appId
                                                + ",\"account\":"
                                                + user(entry.getValue())
                                                + "}")
                        .toList();
        return "{\"total_count\":"
                + items.size()
                + ",\"installations\":["
                + String.join(",", items)
                + "]}";
    }
}
