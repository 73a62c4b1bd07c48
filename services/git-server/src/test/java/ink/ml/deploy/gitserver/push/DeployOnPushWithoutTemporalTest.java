package ink.ml.deploy.gitserver.push;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.gitserver.support.GitCli;
import ink.ml.deploy.gitserver.support.GitRootTestResource;
import ink.ml.deploy.gitserver.support.GitServerUrls;
import ink.ml.deploy.gitserver.support.Repos;
import ink.ml.deploy.gitserver.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With Temporal unreachable a push is still stored, and the pusher is told no deploy started. */
@QuarkusTest
@TestProfile(DeployOnPushWithoutTemporalTest.TemporalUnreachable.class)
@WithTestResource(GitRootTestResource.class)
class DeployOnPushWithoutTemporalTest {
    private final GitCli git = new GitCli();

    @Test
    void storesThePushAndSaysNoDeploymentStarted() {
        String repo = Repos.newPath("web");
        String url = GitServerUrls.of(repo, TestTokens.push(repo));
        Path work = git.newWorkTree("a.txt", "a\n");

        GitCli.Result push = git.run(work, "push", url, "main");

        assertThat(push.ok()).as(push.output()).isTrue();
        assertThat(push.output())
                .contains(
                        "remote: branch main is stored, but no deployment was started: the"
                                + " deployment service is unreachable right now.");
        assertThat(git.run(work, "ls-remote", url, "main").output())
                .startsWith(git.head(work, "HEAD"));
    }

    /** Temporal's address is a port nobody listens on; calls give up after a second. */
    public static class TemporalUnreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.temporal.connection.target",
                    "127.0.0.1:" + closedPort(),
                    "quarkus.temporal.connection.rpc-retry.expiration",
                    "1s");
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
