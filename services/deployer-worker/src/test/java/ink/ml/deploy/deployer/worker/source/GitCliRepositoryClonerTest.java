package ink.ml.deploy.deployer.worker.source;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import ink.ml.deploy.domain.GitSha;
import ink.ml.deploy.testing.RealParts;
import ink.ml.deploy.workflow.StepFailure;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The git CLI cloner, held to {@link RepositoryClonerContract}, plus what only it does: the token
 * travels as a header from git's environment, never in its command line or a message. Skipped,
 * saying why, on a machine without git.
 */
class GitCliRepositoryClonerTest extends RepositoryClonerContract {
    private static Path git;

    @BeforeAll
    static void findGit() {
        git = GitBinary.find("git", System.getenv("PATH")).orElse(null);
        RealParts.require(
                git != null, () -> "no git binary on PATH: the git CLI cloner is skipped");
    }

    @Override
    RepositoryCloner newCloner(Path workDir, long maxBytes, Duration timeout, Clock clock) {
        return new GitCliRepositoryCloner(git, workDir, maxBytes, timeout, clock);
    }

    @Test
    void sendsTheTokenAsABasicAuthorizationHeaderAndSaysAccessWasDenied() throws IOException {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                    authorizations.add(authorization == null ? "" : authorization);
                    exchange.sendResponseHeaders(403, -1);
                    exchange.close();
                });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/octo/shop.git";
            RemoteRepository remote =
                    new RemoteRepository(
                            "octo/shop",
                            url,
                            new RepositoryCredentials("x-access-token", "s3cr3t"));

            assertThatThrownBy(
                            () ->
                                    cloner.clone(
                                            remote,
                                            GitSha.of("1111111111111111111111111111111111111111"),
                                            "",
                                            () -> false))
                    .isInstanceOfSatisfying(
                            ApplicationFailure.class,
                            failure -> {
                                assertThat(failure.getType()).isEqualTo(StepFailure.CLONE_FAILED);
                                assertThat(failure.getOriginalMessage())
                                        .contains("access to octo/shop was denied")
                                        .doesNotContain("s3cr3t");
                            });
        } finally {
            server.stop(0);
        }
        assertThat(authorizations)
                .isNotEmpty()
                .allSatisfy(
                        header ->
                                assertThat(header)
                                        .isEqualTo(
                                                "Basic "
                                                        + Base64.getEncoder()
                                                                .encodeToString(
                                                                        "x-access-token:s3cr3t"
                                                                                .getBytes(UTF_8))));
        assertThat(workDirEntries()).isZero();
    }

    @Test
    void environmentCarriesTheHeaderForThisUrlOnlyAndDropsInheritedGitSettingsButTrust() {
        Map<String, String> env = new HashMap<>();
        env.put("GIT_DIR", "/somewhere/else");
        env.put("SSH_ASKPASS", "/usr/bin/helper");
        env.put("GIT_TRACE_CURL", "1");
        env.put("GIT_SSL_CAINFO", "/etc/mcpdeploy/ca.pem");
        env.put("PATH", "/usr/bin");
        RemoteRepository remote =
                new RemoteRepository(
                        "octo/shop",
                        "https://github.com/octo/shop.git",
                        new RepositoryCredentials("x-access-token", "s3cr3t"));

        GitCommand.environment(env, remote);

        assertThat(env)
                .doesNotContainKeys("GIT_DIR", "SSH_ASKPASS", "GIT_TRACE_CURL")
                .containsEntry("PATH", "/usr/bin")
                .containsEntry("GIT_SSL_CAINFO", "/etc/mcpdeploy/ca.pem");
        assertThat(env)
                .containsEntry("GIT_TERMINAL_PROMPT", "0")
                .containsEntry("GIT_CONFIG_NOSYSTEM", "1")
                .containsEntry("GIT_CONFIG_GLOBAL", "/dev/null");
        int count = Integer.parseInt(env.get("GIT_CONFIG_COUNT"));
        Map<String, String> config = new HashMap<>();
        for (int i = 0; i < count; i++) {
            config.put(env.get("GIT_CONFIG_KEY_" + i), env.get("GIT_CONFIG_VALUE_" + i));
        }
        assertThat(config)
                .containsEntry(
                        "http.https://github.com/octo/shop.git.extraHeader",
                        "Authorization: Basic "
                                + Base64.getEncoder()
                                        .encodeToString("x-access-token:s3cr3t".getBytes(UTF_8)));
    }

    @Test
    void anonymousRepositoryGetsNoAuthorizationHeader() {
        Map<String, String> env = new HashMap<>();

        GitCommand.environment(env, repo.remote());

        assertThat(env.values()).noneMatch(value -> value.startsWith("Authorization"));
    }

    @Test
    void cloneRunningPastItsTimeIsRefusedAndLeavesNothingBehind() {
        String sha = repo.commit(Map.of("Dockerfile", bytes("FROM scratch\n")));
        // Every reading of this clock is a minute later than the one before: the 90 s budget is
        // spent by the time git init has run.
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        Clock ticking =
                new Clock() {
                    @Override
                    public Instant instant() {
                        return now.getAndUpdate(t -> t.plusSeconds(60));
                    }

                    @Override
                    public java.time.ZoneId getZone() {
                        return ZoneOffset.UTC;
                    }

                    @Override
                    public Clock withZone(java.time.ZoneId zone) {
                        return this;
                    }
                };
        RepositoryCloner slow = newCloner(workDir, 1024 * 1024, Duration.ofSeconds(90), ticking);

        assertThatThrownBy(() -> slow.clone(repo.remote(), GitSha.of(sha), "", () -> false))
                .isInstanceOfSatisfying(
                        ApplicationFailure.class,
                        failure -> {
                            assertThat(failure.getType()).isEqualTo(StepFailure.CLONE_FAILED);
                            assertThat(failure.getOriginalMessage())
                                    .contains("took longer than 90 s");
                        });
        assertThat(workDirEntries()).isZero();
    }
}
