package ink.ml.deploy.observability.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.k8s.Labels;
import ink.ml.deploy.observability.ObservabilityUnavailableException;
import ink.ml.deploy.testing.AppEngineProcess;
import ink.ml.deploy.testing.Directories;
import ink.ml.deploy.testing.RealParts;
import ink.ml.deploy.testing.StaticBusybox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link DockerEngineLogSource} against a real Docker engine with runsc, running {@code FROM
 * scratch} busybox containers labelled as the Docker target labels a service's containers.
 */
class DockerEngineLogSourceTest {
    private static final String IMAGE = "local/logs-app:1";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final AtomicInteger USERS = new AtomicInteger();

    private static AppEngineProcess engine;
    private static DockerEngineLogSource source;

    private ServiceRef web;

    @BeforeAll
    static void startEngine() throws Exception {
        RealParts.require(StaticBusybox.unavailableReason());
        engine = AppEngineProcess.startOrSkip();
        Path context = Files.createTempDirectory("logs-app-");
        try {
            Files.copy(StaticBusybox.PATH, context.resolve("busybox"));
            Path tar = context.resolve("app.tar");
            run(List.of("tar", "-C", context.toString(), "-cf", tar.toString(), "busybox"));
            run(engine.command("import", tar.toString(), IMAGE));
        } finally {
            Directories.deleteQuietly(context);
        }
        source = new DockerEngineLogSource(engine.host(), TIMEOUT);
    }

    @AfterAll
    static void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @BeforeEach
    void newService() {
        web = ServiceRef.of("u" + USERS.incrementAndGet(), "shop", "web");
    }

    @Test
    void readsBothStreamsOfAStoppedContainerOldestFirstWithItsDeployment() throws Exception {
        String container =
                start(
                        web,
                        "d1",
                        "echo starting; /busybox usleep 200000; echo cannot reach the database >&2;"
                                + " /busybox usleep 200000; echo giving up; exit 3");
        run(engine.command("wait", container));

        LogPage page = source.read(web, lastHour(10));

        assertThat(page.lines())
                .extracting(LogLine::stream, LogLine::text, LogLine::deployment)
                .containsExactly(
                        tuple(LogStream.STDOUT, "starting", Optional.of(DeploymentId.of("d1"))),
                        tuple(
                                LogStream.STDERR,
                                "cannot reach the database",
                                Optional.of(DeploymentId.of("d1"))),
                        tuple(LogStream.STDOUT, "giving up", Optional.of(DeploymentId.of("d1"))));
        assertThat(page.truncated()).isFalse();
    }

    @Test
    void returnsTheNewestLinesAndSaysOlderOnesWereCut() throws Exception {
        run(engine.command("wait", start(web, "d1", numbered(5))));

        LogPage page = source.read(web, lastHour(3));
        LogPage all = source.read(web, lastHour(5));

        assertThat(texts(page)).containsExactly("line 2", "line 3", "line 4");
        assertThat(page.truncated()).isTrue();
        assertThat(texts(all)).containsExactly("line 0", "line 1", "line 2", "line 3", "line 4");
        assertThat(all.truncated()).isFalse();
    }

    @Test
    void readsExactlySinceInclusiveUntilExclusive() throws Exception {
        run(engine.command("wait", start(web, "d1", numbered(4))));
        List<LogLine> lines = source.read(web, lastHour(10)).lines();

        LogPage middle =
                source.read(
                        web,
                        new LogQuery(
                                lines.get(1).timestamp(),
                                lines.get(3).timestamp(),
                                Optional.empty(),
                                10,
                                Optional.empty()));

        assertThat(texts(middle)).containsExactly("line 1", "line 2");
    }

    @Test
    void readsAnOldWindowThatTheNewestLinesWouldHideFromDockersTail() throws Exception {
        // Docker counts its tail before the window: 40 newer lines fill a tail sized for the page.
        run(engine.command("wait", start(web, "d1", numbered(45))));
        List<LogLine> lines = source.read(web, lastHour(45)).lines();

        LogPage old =
                source.read(
                        web,
                        new LogQuery(
                                lines.get(0).timestamp(),
                                lines.get(5).timestamp(),
                                Optional.empty(),
                                2,
                                Optional.empty()));

        assertThat(texts(old)).containsExactly("line 3", "line 4");
        assertThat(old.truncated()).isTrue();
    }

    @Test
    void searchesForPlainText() throws Exception {
        run(
                engine.command(
                        "wait",
                        start(
                                web,
                                "d1",
                                "echo 'GET /a?q={x}|y \"z\"'; echo 'GET /b'; echo 'POST /a'")));

        LogPage page =
                source.read(
                        web,
                        new LogQuery(
                                Instant.now().minus(Duration.ofHours(1)),
                                Instant.now().plusSeconds(60),
                                Optional.of("/a?q={x}|y \"z\""),
                                10,
                                Optional.empty()));

        assertThat(texts(page)).containsExactly("GET /a?q={x}|y \"z\"");
    }

    @Test
    void mergesDeploymentsOrReadsOne() throws Exception {
        run(engine.command("wait", start(web, "d1", "echo from the old one")));
        run(engine.command("wait", start(web, "d2", "echo from the new one")));

        LogPage both = source.read(web, lastHour(10));
        LogPage old =
                source.read(
                        web,
                        new LogQuery(
                                Instant.now().minus(Duration.ofHours(1)),
                                Instant.now().plusSeconds(60),
                                Optional.empty(),
                                10,
                                Optional.of(DeploymentId.of("d1"))));

        assertThat(both.lines())
                .extracting(LogLine::text, line -> line.deployment().orElseThrow().value())
                .containsExactly(tuple("from the old one", "d1"), tuple("from the new one", "d2"));
        assertThat(texts(old)).containsExactly("from the old one");
    }

    @Test
    void neverReadsAnotherServicesOrAnotherTenantsContainers() throws Exception {
        ServiceRef otherTenant = ServiceRef.of("v" + USERS.incrementAndGet(), "shop", "web");
        ServiceRef otherService = ServiceRef.of(web.user().value(), "shop", "api");
        run(engine.command("wait", start(otherTenant, "d9", "echo theirs")));
        run(engine.command("wait", start(otherService, "d8", "echo the api's")));
        run(engine.command("wait", start(web, "d1", "echo mine")));

        assertThat(texts(source.read(web, lastHour(10)))).containsExactly("mine");
    }

    @Test
    void aTailHearsNewLinesOfRunningAndLaterContainersUntilClosed() throws Exception {
        String first = start(web, "d1", "echo before the tail; " + SAYS_WHAT_IT_IS_TOLD);
        await().atMost(PATIENCE)
                .until(() -> texts(source.read(web, lastHour(10))).contains("before the tail"));
        start(
                ServiceRef.of("v" + USERS.incrementAndGet(), "shop", "web"),
                "d9",
                "echo theirs; " + SAYS_WHAT_IT_IS_TOLD);
        HeardLines heard = new HeardLines();

        LogTail tail = source.tail(web, Optional.empty(), heard);
        try {
            say(first, "after the tail");
            await().atMost(PATIENCE)
                    .untilAsserted(() -> assertThat(heard.texts()).contains("after the tail"));
            start(web, "d2", "echo the new deployment started; " + SAYS_WHAT_IT_IS_TOLD);
            await().atMost(PATIENCE)
                    .untilAsserted(
                            () -> assertThat(heard.texts()).contains("the new deployment started"));
        } finally {
            tail.close();
        }
        say(first, "after the close");
        await().atMost(PATIENCE)
                .until(() -> texts(source.read(web, lastHour(10))).contains("after the close"));

        assertThat(heard.lines)
                .extracting(LogLine::text, line -> line.deployment().orElseThrow().value())
                .containsExactly(
                        tuple("after the tail", "d1"), tuple("the new deployment started", "d2"));
        assertThat(heard.failures).isEmpty();
    }

    @Test
    void aTailOnlyHearsLinesWithTheSearchText() throws Exception {
        String container = start(web, "d1", SAYS_WHAT_IT_IS_TOLD);
        HeardLines heard = new HeardLines();
        try (LogTail tail = source.tail(web, Optional.of("GET"), heard)) {
            say(container, "POST /");
            say(container, "GET /");
            await().atMost(PATIENCE)
                    .untilAsserted(() -> assertThat(heard.texts()).containsExactly("GET /"));
        }
    }

    @Test
    void anEngineThatIsNotThereIsUnavailable() {
        DockerEngineLogSource nowhere =
                new DockerEngineLogSource("unix:///tmp/no-such-engine/docker.sock", TIMEOUT);

        assertThatThrownBy(() -> nowhere.read(web, lastHour(10)))
                .isInstanceOf(ObservabilityUnavailableException.class)
                .hasMessageStartingWith("the Docker engine is unavailable: ")
                .extracting(e -> ((ObservabilityUnavailableException) e).dependency())
                .isEqualTo("the Docker engine");
        assertThatThrownBy(() -> nowhere.tail(web, Optional.empty(), new HeardLines()))
                .isInstanceOf(ObservabilityUnavailableException.class)
                .hasMessageStartingWith("the Docker engine is unavailable: ");
    }

    /**
     * Prints the content of {@code /say} whenever {@link #say} drops one there: a line written at a
     * moment the test chooses, from the app's own stdout. (Only busybox is in the image: its
     * applets are called by path.)
     */
    private static final String SAYS_WHAT_IT_IS_TOLD =
            "while true; do if [ -f /say ]; then /busybox cat /say; /busybox rm /say; fi;"
                    + " /busybox usleep 100000; done";

    private static void say(String container, String line) throws Exception {
        // Written aside and renamed: the app never prints half a line. Waits until it was taken.
        run(
                engine.command(
                        "exec",
                        container,
                        "/busybox",
                        "sh",
                        "-c",
                        "while [ -f /say ]; do /busybox usleep 50000; done; echo '"
                                + line
                                + "' > /say.new && /busybox mv /say.new /say;"
                                + " while [ -f /say ]; do /busybox usleep 50000; done"));
    }

    private static String numbered(int count) {
        return "i=0; while [ $i -lt "
                + count
                + " ]; do echo line $i; i=$((i+1)); /busybox usleep 50000; done";
    }

    /** Runs {@code script} under runsc as {@code service}'s container of {@code deployment}. */
    private static String start(ServiceRef service, String deployment, String script)
            throws Exception {
        List<String> command =
                new ArrayList<>(
                        engine.command(
                                "run",
                                "-d",
                                "--runtime",
                                "runsc",
                                "--network",
                                "none",
                                "--label",
                                Labels.MANAGED_BY + "=" + Labels.MANAGER,
                                "--label",
                                Labels.TENANT + "=" + service.user().value(),
                                "--label",
                                Labels.PROJECT + "=" + service.project().value(),
                                "--label",
                                Labels.SERVICE + "=" + service.service().value(),
                                "--label",
                                DockerContainerLabels.DEPLOYMENT + "=" + deployment,
                                IMAGE,
                                "/busybox",
                                "sh",
                                "-c",
                                script));
        return run(command).strip();
    }

    private static LogQuery lastHour(int limit) {
        return new LogQuery(
                Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plusSeconds(60),
                Optional.empty(),
                limit,
                Optional.empty());
    }

    private static List<String> texts(LogPage page) {
        return page.lines().stream().map(LogLine::text).toList();
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        assertThat(process.exitValue()).as("%s: %s", command, output).isZero();
        return output;
    }
}
