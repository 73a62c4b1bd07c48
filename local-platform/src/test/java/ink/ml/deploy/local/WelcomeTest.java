package ink.ml.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WelcomeTest {
    private final Welcome welcome =
            new Welcome(
                    URI.create("http://127.0.0.1:8081/graphql"),
                    URI.create("ws://127.0.0.1:8081/graphql"),
                    URI.create("http://127.0.0.1:8082/mcp"),
                    URI.create("http://127.0.0.1:8086"),
                    URI.create("http://127.0.0.1:8084"),
                    "127.0.0.1:7233",
                    "jdbc:postgresql://localhost:5555/mcpdeploy",
                    Path.of("/repo/local-platform/target/platform-logs"),
                    KubernetesTarget.IN_MEMORY_DESCRIPTION,
                    "Prometheus at http://127.0.0.1:9090, scraping every 5 s",
                    Optional.empty(),
                    Optional.of("Debian's docker.io is not installed"),
                    "dk_live_abc",
                    URI.create("http://127.0.0.1:8081/"),
                    URI.create("http://127.0.0.1:8081/#token=dk_sess_link"));

    @Test
    void saysWhereEverythingIsAndThatKubernetesRunsNoPods() {
        String text = welcome.text();

        assertThat(text)
                .contains("GraphQL:       http://127.0.0.1:8081/graphql")
                .contains("ws://127.0.0.1:8081/graphql")
                .contains("MCP:           http://127.0.0.1:8082/mcp")
                .contains("Git:           http://127.0.0.1:8086/{user}/{project}/{repo}.git")
                .contains("/repo/local-platform/target/platform-logs/<service>.log")
                .contains(
                        "in-memory Kubernetes API: stores what would be applied, runs no pods;"
                                + " Deployments are marked available at once")
                .contains("Builds:        CANNOT run here: Debian's docker.io is not installed")
                .contains("Metrics:       Prometheus at http://127.0.0.1:9090")
                .contains("dk_live_abc")
                .contains("Dashboard:     http://127.0.0.1:8081/")
                .contains("sign in once with: http://127.0.0.1:8081/#token=dk_sess_link");
    }

    @Test
    void exampleIsValidBashThatCreatesPushesAndDeploys() throws Exception {
        String example = welcome.example();

        assertThat(example)
                .contains("createProject", "createInternalRepo", "createGitToken")
                .contains("git push \"$REMOTE\" main")
                .contains("createService")
                .contains("latestDeployment { status");
        Process bash = new ProcessBuilder("bash", "-n").redirectErrorStream(true).start();
        bash.getOutputStream().write(example.getBytes(StandardCharsets.UTF_8));
        bash.getOutputStream().close();
        String errors = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(errors).isZero();
    }

    @Test
    void mcpConfigurationCarriesTheKeyAsBearer() {
        assertThat(welcome.mcpConfig())
                .contains("\"url\": \"http://127.0.0.1:8082/mcp\"")
                .contains("\"Authorization\": \"Bearer dk_live_abc\"");
    }
}
