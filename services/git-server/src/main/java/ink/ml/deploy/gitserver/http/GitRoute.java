package ink.ml.deploy.gitserver.http;

import ink.ml.deploy.domain.InternalRepoPath;
import ink.ml.deploy.domain.InvalidValueException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a smart HTTP request asks for: {@code GET /{user}/{project}/{repo}.git/info/refs?service=…}
 * (the ref advertisement) or {@code POST
 * /{user}/{project}/{repo}.git/git-upload-pack|git-receive-pack} (the transfer). Nothing else is
 * served: no dumb HTTP, no other files of the repository.
 *
 * @param advertisement true for {@code info/refs}
 */
public record GitRoute(InternalRepoPath repo, GitService service, boolean advertisement) {
    private static final Pattern PATH =
            Pattern.compile(
                    "/([^/]+/[^/]+/[^/]+)\\.git/(info/refs|git-upload-pack|git-receive-pack)");

    /**
     * @throws GitHttpException 404 for a path that is no repository URL, 403 for dumb HTTP, 405 for
     *     a wrong method
     */
    public static GitRoute of(String method, String path, String serviceParameter) {
        Matcher matcher = PATH.matcher(path == null ? "" : path);
        if (!matcher.matches()) {
            throw new GitHttpException(
                    HttpServletResponse.SC_NOT_FOUND,
                    "not a repository URL: repositories are at /{user}/{project}/{repo}.git");
        }
        InternalRepoPath repo;
        try {
            repo = InternalRepoPath.parse(matcher.group(1));
        } catch (InvalidValueException e) {
            throw new GitHttpException(HttpServletResponse.SC_NOT_FOUND, e.getMessage());
        }
        String action = matcher.group(2);
        if (action.equals("info/refs")) {
            requireMethod("GET", method);
            GitService service =
                    GitService.fromServiceName(serviceParameter)
                            .orElseThrow(
                                    () ->
                                            new GitHttpException(
                                                    HttpServletResponse.SC_FORBIDDEN,
                                                    "only git's smart HTTP protocol is served"
                                                            + " (git 1.6.6 or newer)"));
            return new GitRoute(repo, service, true);
        }
        requireMethod("POST", method);
        return new GitRoute(repo, GitService.fromServiceName(action).orElseThrow(), false);
    }

    private static void requireMethod(String expected, String method) {
        if (!expected.equals(method)) {
            throw new GitHttpException(
                    HttpServletResponse.SC_METHOD_NOT_ALLOWED, "use " + expected + " here");
        }
    }
}
