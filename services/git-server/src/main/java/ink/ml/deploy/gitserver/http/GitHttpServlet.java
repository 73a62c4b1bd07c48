package ink.ml.deploy.gitserver.http;

import ink.ml.deploy.gitserver.repos.BareRepositories;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.lib.Repository;
import org.jboss.logging.Logger;

/**
 * Git smart HTTP: routes a request ({@link GitRoute}), checks its token ({@link RepoAccess}), finds
 * or creates the repository ({@link BareRepositories}) and hands it to the service. Refusals are
 * {@code text/plain}, which git shows to its user as {@code remote: …} lines.
 */
@WebServlet(name = "git-smart-http", urlPatterns = "/*")
public class GitHttpServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(GitHttpServlet.class);

    @Inject RepoAccess access;
    @Inject BareRepositories repositories;
    @Inject UploadPackHandler uploadPack;
    @Inject ReceivePackHandler receivePack;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        try {
            GitRoute route =
                    GitRoute.of(
                            request.getMethod(),
                            request.getPathInfo(),
                            request.getParameter("service"));
            access.check(request.getHeader("Authorization"), route);
            try (Repository repo = repository(route)) {
                serve(route, repo, request, response);
            }
        } catch (GitHttpException e) {
            refuse(response, e);
        } catch (IOException e) {
            // Mostly a client that went away, or a protocol error JGit already reported in-band.
            LOG.warnf("%s %s: %s", request.getMethod(), request.getRequestURI(), e.toString());
            refuse(
                    response,
                    new GitHttpException(
                            HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                            "the transfer failed: " + e.getMessage()));
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s %s failed", request.getMethod(), request.getRequestURI());
            refuse(
                    response,
                    new GitHttpException(
                            HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                            "the git server failed; try again"));
        }
    }

    private Repository repository(GitRoute route) {
        if (route.service() == GitService.RECEIVE_PACK) {
            return repositories.openOrCreate(route.repo());
        }
        return repositories
                .open(route.repo())
                .orElseThrow(
                        () ->
                                new GitHttpException(
                                        HttpServletResponse.SC_NOT_FOUND,
                                        "repository "
                                                + route.repo()
                                                + " does not exist yet: push to it first"));
    }

    private void serve(
            GitRoute route,
            Repository repo,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        switch (route.service()) {
            case UPLOAD_PACK -> {
                if (route.advertisement()) {
                    uploadPack.advertise(repo, request, response);
                } else {
                    uploadPack.upload(repo, request, response);
                }
            }
            case RECEIVE_PACK -> {
                if (route.advertisement()) {
                    receivePack.advertise(repo, response);
                } else {
                    receivePack.receive(route.repo(), repo, request, response);
                }
            }
        }
    }

    private static void refuse(HttpServletResponse response, GitHttpException e)
            throws IOException {
        if (response.isCommitted()) {
            LOG.warnf("refusal after the answer began: %s", e.getMessage());
            return;
        }
        response.reset();
        response.setStatus(e.status());
        if (e.status() == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"MCPDeploy git\"");
        }
        response.setContentType("text/plain; charset=UTF-8");
        response.getOutputStream().write((e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
