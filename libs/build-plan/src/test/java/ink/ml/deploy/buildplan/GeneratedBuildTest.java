package ink.ml.deploy.buildplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratedBuildTest {
    @Test
    void logStartsWithThePlanThenTheDockerfile() {
        BuildPlan plan =
                new BuildPlan(
                        Language.NODE,
                        "20.x",
                        "npm ci",
                        null,
                        "npm start",
                        8080,
                        List.of(
                                "package.json: a Node app",
                                "start: scripts.start in package.json"));

        List<String> lines = new GeneratedBuild(plan, "FROM node\nCMD [\"x\"]\n").logLines();

        assertThat(lines)
                .containsExactly(
                        "==> Detected Node 20.x",
                        "    install: npm ci",
                        "    build:   (nothing to build)",
                        "    start:   npm start",
                        "    port:    8080 (the app listens on $PORT)",
                        "    why:     package.json: a Node app",
                        "    why:     start: scripts.start in package.json",
                        "==> Generated Dockerfile",
                        "    | FROM node",
                        "    | CMD [\"x\"]");
    }

    @Test
    void planWithoutVersionNamesTheLanguageOnly() {
        BuildPlan plan =
                new BuildPlan(Language.STATIC, null, null, null, "busybox httpd", 80, List.of());

        assertThat(new GeneratedBuild(plan, "FROM busybox\n").logLines())
                .startsWith("==> Detected Static site", "    install: (nothing to install)");
    }
}
