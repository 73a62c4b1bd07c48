package ink.ml.deploy.gitserver.http;

import ink.ml.deploy.gitserver.repos.BareRepositories;
import ink.ml.deploy.workflow.metrics.GitPushMeter;
import io.micrometer.core.instrument.MeterRegistry;
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
    @Inject MeterRegistry meters;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        GitRoute route = null;
        GitHttpException refusal;
        try {
            route =
                    GitRoute.of(
                            request.getMethod(),
                            request.getPathInfo(),
                            request.getParameter("service"));
            access.check(request.getHeader("Authorization"), route);
            try (Repository repo = repository(route)) {
                serve(route, repo, request, response);
            }
            return;
        } catch (GitHttpException e) {
            refusal = e;
        } catch (IOException e) {
            // Mostly a client that went away, or a protocol error JGit already reported in-band.
            LOG.warnf("%s %s: %s", request.getMethod(), request.getRequestURI(), e.toString());
            refusal =
                    new GitHttpException(
                            HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                            "the transfer failed: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s %s failed", request.getMethod(), request.getRequestURI());
            refusal =
                    new GitHttpException(
                            HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                            "the git server failed; try again");
        }
        if (route != null && route.service() == GitService.RECEIVE_PACK) {
            countRefusedPush(refusal, request.getHeader("Authorization") != null);
        }
        refuse(response, refusal);
    }

    /**
     * A push refused by the answer to one of its requests (git stops at the first refusal). A 401
     * to a request without credentials is git's usual challenge before it sends them, not a
     * refusal.
     */
    private void countRefusedPush(GitHttpException refusal, boolean credentialsSent) {
        int status = refusal.status();
        if (status == HttpServletResponse.SC_UNAUTHORIZED && !credentialsSent) {
            return;
        }
        GitPushMeter.Refusal reason;
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            reason = GitPushMeter.Refusal.UNAUTHENTICATED;
        } else if (status == HttpServletResponse.SC_FORBIDDEN) {
            reason = GitPushMeter.Refusal.FORBIDDEN;
        } else if (status < HttpServletResponse.SC_INTERNAL_SERVER_ERROR) {
            reason = GitPushMeter.Refusal.INVALID;
        } else {
            reason = GitPushMeter.Refusal.FAILED;
        }
        new GitPushMeter(meters).refused(reason);
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
