package ink.ml.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import ink.ml.deploy.e2e.DeploymentFollower.Followed;
import ink.ml.deploy.e2e.EdgeClient.Reply;
import ink.ml.deploy.local.LocalPlatform;
import ink.ml.deploy.local.LocalPlatformOptions;
import ink.ml.deploy.local.TestDomains;
import ink.ml.deploy.testing.AppEngineProcess;
import ink.ml.deploy.testing.Directories;
import ink.ml.deploy.testing.DnsZone;
import ink.ml.deploy.testing.HaproxyProcess;
import ink.ml.deploy.testing.RealParts;
import ink.ml.deploy.testing.RegistryProcess;
import ink.ml.deploy.testing.SampleJavaApp;
import ink.ml.deploy.testing.ServiceLogsOnFailure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deployed apps run and answer on this machine: {@link LocalPlatform} with its default apps target,
 * the private app engine (Debian's docker.io with bridge networks and gVisor's runsc) behind
 * HAProxy as the edge. Users drive it as they would: GraphQL, the stock git client, and HTTP to
 * {@code http://{service}-{project}-{user}.localhost:{edge port}/} (sent to loopback with that
 * Host, as curl and browsers do). One platform serves every test; timings go to {@code
 * target/e2e-timings.txt}, never into an assertion.
 */
class AppsOnDockerEndToEndIT {
    private static final Duration DEPLOY_DEADLINE = Duration.ofMinutes(3);

    /**
     * Four language builds sharing the machine, the first Maven build among them downloading Maven
     * and its plugins (together they took 138 s on a quiet machine).
     */
    private static final Duration TOGETHER_DEADLINE = Duration.ofMinutes(10);

    private static final Path WORK = Path.of("target", "e2e-docker-work").toAbsolutePath();
    private static final Timings TIMINGS = new Timings("e2e-docker-timings.txt");

    private static LocalPlatform platform;
    private static EdgeClient edge;

    @RegisterExtension
    static final ServiceLogsOnFailure PRINT_SERVICE_LOGS_ON_FAILURE =
            new ServiceLogsOnFailure(
                    () -> {
                        if (platform != null) {
                            platform.printServiceLogs();
                        }
                    });

    @BeforeAll
    static void startThePlatformWithAppsOnDocker() {
        RealParts.require(
                Files.isRegularFile(BusyboxApp.BUSYBOX),
                () -> "Debian's busybox-static is not installed (" + BusyboxApp.BUSYBOX + ")");
        RealParts.require(
                RegistryProcess.unavailableReason()
                        .or(AppEngineProcess::unavailableReason)
                        .or(HaproxyProcess::unavailableReason)
                        .or(TestDomains::unavailableReason));
        Directories.recreate(WORK);
        platform =
                LocalPlatform.start(
                        LocalPlatformOptions.defaults(Path.of("..").toAbsolutePath().normalize())
                                .withRandomPorts()
                                .withEnvironment(Map.of())
                                .withJvmOptions(List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"))
                                .withMetricsScrapeInterval(Duration.ofSeconds(1))
                                .withTestDomains()
                                // Every language's builds without a Dockerfile: the Debian
                                // stand-ins, made once per machine (or by ./run-tests'
                                // background warmer) and pushed from the cache.
                                .withEveryBaseImage()
                                .withLogDirectory(
                                        Path.of("target", "e2e-docker-logs").toAbsolutePath()));
        assertThat(platform.appsRunOnDocker()).as(platform.appsDescription()).isTrue();
        edge = new EdgeClient(platform.edgePort());
    }

    @AfterAll
    static void stopThePlatform() {
        if (platform != null) {
            platform.close();
            TIMINGS.write();
        }
    }

    @Test
    void aPushedAppAnswersAtItsUrlAndEachNextPushSwitchesOverWithNoFailedRequest()
            throws Exception {
        InternalApp app = InternalApp.create(platform, WORK, "e2e-docker-shop", "shop");
        String hostname = "web-shop-" + app.userId() + ".localhost";
        String url = app.dashboard().serviceUrl(app.serviceId());
        assertThat(url).isEqualTo("http://" + hostname + ":" + platform.edgePort());
        assertThat(edge.get(hostname).status()).as("before the first deploy").isEqualTo(404);

        List<Duration> pushToFirstAnswer = new ArrayList<>();
        RequestLoop loop = null;
        for (int version = 1; version <= 5; version++) {
            BusyboxApp.writeTo(app.git(), "shop v" + version + "\n");
            String sha = app.git().commit("version " + version);
            long pushed = System.nanoTime();
            app.git().push(app.grant().remoteUrl(), app.grant().token());
            String expected = "shop v" + version;
            await().atMost(DEPLOY_DEADLINE)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> edge.getQuietly(hostname).body().startsWith(expected));
            pushToFirstAnswer.add(Duration.ofNanos(System.nanoTime() - pushed));
            Followed followed = app.follower().follow(app.serviceId(), sha, DEPLOY_DEADLINE);
            assertThat(followed.deployment().status())
                    .as("%s", followed.deployment())
                    .isEqualTo("ACTIVE");
            if (loop == null) {
                // From the first version on, someone is always using the app.
                loop = RequestLoop.start(edge, hostname, 2);
            }
        }
        RequestLoop.Result result = loop.stop();

        TIMINGS.record(
                "push to first 200 through the edge, median of 5",
                Timings.median(pushToFirstAnswer));
        TIMINGS.record("push to first 200, each", pushToFirstAnswer.toString());
        TIMINGS.record("requests during 4 switches", Integer.toString(result.requests()));
        TIMINGS.record(
                "failed requests during 4 switches", Integer.toString(result.failed().size()));
        assertThat(result.requests()).isGreaterThan(100);
        assertThat(result.failed()).as("requests that failed across the switches").isEmpty();
        assertThat(edge.get(hostname).body()).isEqualTo("shop v5\n");
        assertThat(edge.get("nothing-here-" + app.userId() + ".localhost").status()).isEqualTo(404);
    }

    @Test
    void aStaticSitePushedWithoutADockerfileIsDetectedBuiltFromTheGeneratedDockerfileAndAnswers()
            throws Exception {
        InternalApp app = InternalApp.create(platform, WORK, "e2e-docker-static", "plainsite");
        String hostname = "web-plainsite-" + app.userId() + ".localhost";
        String page = "<!doctype html><title>plain</title><h1>no Dockerfile here</h1>\n";
        String css = "h1 { color: teal; }\n";
        app.git().write("index.html", page).write("style.css", css);
        String sha = app.git().commit("a static site, no Dockerfile");
        long pushed = System.nanoTime();
        app.git().push(app.grant().remoteUrl(), app.grant().token());

        DeploymentView deployment =
                app.follower().follow(app.serviceId(), sha, DEPLOY_DEADLINE).deployment();
        assertThat(deployment.status()).as("%s", deployment).isEqualTo("ACTIVE");
        // The tag names the commit and the build settings (the service's default, auto).
        assertThat(deployment.imageRef()).contains(":" + sha + "-");
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> edge.getQuietly(hostname).body().equals(page));
        TIMINGS.record(
                "static site without a Dockerfile, push to first 200",
                Duration.ofNanos(System.nanoTime() - pushed));
        assertThat(edge.get(hostname, "/style.css").body()).isEqualTo(css);

        // After the clone, the log explains the build: the plan, then the Dockerfile it made.
        List<String> log = app.dashboard().buildLogLines(deployment.id());
        List<String> afterClone =
                log.stream().dropWhile(line -> line.startsWith("==> Clon")).toList();
        assertThat(afterClone).as(String.join("\n", log)).isNotEmpty();
        assertThat(afterClone.get(0))
                .as(String.join("\n", log))
                .isEqualTo("==> Detected Static site");
        assertThat(afterClone)
                .as(String.join("\n", log))
                .contains(
                        "==> Generated Dockerfile",
                        "    | FROM "
                                + platform.registryHost().orElseThrow()
                                + "/base/busybox:debian-static AS site",
                        "==> Using the generated Dockerfile (port 8080)");
        assertThat(afterClone.indexOf("==> Generated Dockerfile"))
                .isLessThan(afterClone.indexOf("==> Using the generated Dockerfile (port 8080)"));
    }

    /**
     * Node (with an npm dependency), Python, Go and Java (the Maven wrapper) apps without a
     * Dockerfile, pushed at the same time as four users would: each is detected, built from its
     * generated Dockerfile and answers. Together because their builds mostly wait on downloads
     * (npm, Go's toolchain image, Maven): one after another they took five minutes of the suite.
     */
    @Test
    void fourLanguagesPushedTogetherWithoutADockerfileAreEachDetectedBuiltAndAnswer()
            throws Exception {
        Map<String, Callable<String>> pushes = new LinkedHashMap<>();
        // npm install fetches the dependency from registry.npmjs.org: RUN steps reach the
        // internet through the build network's egress filter.
        pushes.put(
                "node",
                () ->
                        pushedWithoutADockerfileAnswers(
                                "node",
                                Map.of(
                                        "package.json",
                                        "{\"name\": \"hello-node\", \"version\": \"1.0.0\","
                                                + " \"dependencies\": {\"ms\": \"2.1.3\"},"
                                                + " \"scripts\": {\"start\": \"node server.js\"}}\n",
                                        "server.js",
                                        "const http = require('http');\n"
                                                + "const ms = require('ms');\n"
                                                + "http.createServer((req, res) => res.end('hello from"
                                                + " node ' + process.version + ', a minute is ' +"
                                                + " ms(60000) + '\\n'))\n"
                                                + "    .listen(process.env.PORT);\n"),
                                "==> Detected Node",
                                "hello from node v",
                                TOGETHER_DEADLINE));
        pushes.put(
                "python",
                () ->
                        pushedWithoutADockerfileAnswers(
                                "python",
                                Map.of(
                                        "requirements.txt",
                                        "# the standard library's wsgiref is enough\n",
                                        "app.py",
                                        "import os, sys\n"
                                                + "from wsgiref.simple_server import make_server\n\n"
                                                + "def app(environ, start_response):\n"
                                                + "    start_response('200 OK', [('Content-Type',"
                                                + " 'text/plain')])\n"
                                                + "    return [('hello from python %d.%d\\n'"
                                                + " % sys.version_info[:2]).encode()]\n\n"
                                                + "make_server('', int(os.environ['PORT']),"
                                                + " app).serve_forever()\n"),
                                "==> Detected Python",
                                "hello from python 3.",
                                TOGETHER_DEADLINE));
        pushes.put(
                "go",
                () ->
                        pushedWithoutADockerfileAnswers(
                                "go",
                                Map.of(
                                        "go.mod",
                                        "module example.com/hello\n\ngo 1.19\n",
                                        "main.go",
                                        "package main\n\n"
                                                + "import (\n\t\"net/http\"\n\t\"os\"\n\t\"runtime\"\n)\n\n"
                                                + "func main() {\n"
                                                + "\thttp.HandleFunc(\"/\", func(w http.ResponseWriter, r"
                                                + " *http.Request) {\n"
                                                + "\t\tw.Write([]byte(\"hello from \" + runtime.Version() +"
                                                + " \"\\n\"))\n"
                                                + "\t})\n"
                                                + "\thttp.ListenAndServe(\":\"+os.Getenv(\"PORT\"), nil)\n"
                                                + "}\n"),
                                "==> Detected Go",
                                "hello from go1.",
                                TOGETHER_DEADLINE));
        // mvnw downloads Maven from Maven Central, and Maven its plugins: RUN steps reach the
        // internet through the build network's egress filter.
        pushes.put(
                "java",
                () ->
                        pushedWithoutADockerfileAnswers(
                                "java",
                                SampleJavaApp.files(),
                                "==> Detected Java 17",
                                "hello from java 17",
                                TOGETHER_DEADLINE));

        Map<String, String> answers = Concurrently.eachOf(pushes);

        assertThat(answers.get("node"))
                .as("what the dependency answered")
                .endsWith(", a minute is 1m\n");
    }

    /**
     * Pushes {@code files} (no Dockerfile) to a new app and expects the whole way: detection
     * opening the build log after the clone, the generated build, ACTIVE, and the app's own answer
     * through the edge. Records push → first 200.
     *
     * @return what the app answered
     */
    private static String pushedWithoutADockerfileAnswers(
            String language,
            Map<String, String> files,
            String detected,
            String answerStart,
            Duration deadline)
            throws Exception {
        String project = language + "app";
        InternalApp app = InternalApp.create(platform, WORK, "e2e-docker-" + language, project);
        String hostname = "web-" + project + "-" + app.userId() + ".localhost";
        files.forEach((name, content) -> app.git().write(name, content));
        String sha = app.git().commit("a " + language + " app, no Dockerfile");
        long pushed = System.nanoTime();
        app.git().push(app.grant().remoteUrl(), app.grant().token());

        DeploymentView deployment =
                app.follower().follow(app.serviceId(), sha, deadline).deployment();
        List<String> log = app.dashboard().buildLogLines(deployment.id());
        assertThat(deployment.status())
                .as("%s\n%s", deployment, String.join("\n", log))
                .isEqualTo("ACTIVE");
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> edge.getQuietly(hostname).body().startsWith(answerStart));
        TIMINGS.record(
                language + " app without a Dockerfile, push to first 200",
                Duration.ofNanos(System.nanoTime() - pushed));
        String answer = edge.get(hostname).body();
        TIMINGS.record(language + " app answered", answer.strip());

        List<String> afterClone =
                log.stream().dropWhile(line -> line.startsWith("==> Clon")).toList();
        assertThat(afterClone).as(String.join("\n", log)).isNotEmpty();
        assertThat(afterClone.get(0)).as(String.join("\n", log)).startsWith(detected);
        assertThat(afterClone)
                .as(String.join("\n", log))
                .contains("==> Generated Dockerfile")
                .anyMatch(line -> line.startsWith("    start:   "))
                .anyMatch(
                        line ->
                                line.startsWith(
                                        "    | FROM "
                                                + platform.registryHost().orElseThrow()
                                                + "/base/"));
        return answer;
    }

    @Test
    void aPushWithNoDockerfileAndNothingDetectableFailsNamingWhatWasLookedFor() {
        InternalApp app = InternalApp.create(platform, WORK, "e2e-docker-nothing", "nothing");
        app.git().write("README.md", "notes, no app\n");
        String sha = app.git().commit("nothing to build");
        app.git().push(app.grant().remoteUrl(), app.grant().token());

        DeploymentView deployment =
                app.follower().follow(app.serviceId(), sha, DEPLOY_DEADLINE).deployment();

        assertThat(deployment.status()).as("%s", deployment).isEqualTo("FAILED");
        assertThat(deployment.errorStep()).isEqualToIgnoringCase("build");
        assertThat(deployment.errorMessage())
                .contains("no Dockerfile at Dockerfile")
                .contains("go.mod")
                .contains("package.json")
                .contains("index.html")
                .contains("Add a Dockerfile");
    }

    @Test
    void theAppKeepsAnsweringWhileTheDeployerWorkerIsDownAndIsRoutedAgainWhenItReturns()
            throws Exception {
        InternalApp app = InternalApp.create(platform, WORK, "e2e-docker-steady", "steady");
        String hostname = "web-steady-" + app.userId() + ".localhost";
        BusyboxApp.writeTo(app.git(), "steady\n");
        String sha = app.git().commit("steady");
        app.git().push(app.grant().remoteUrl(), app.grant().token());
        assertThat(
                        app.follower()
                                .follow(app.serviceId(), sha, DEPLOY_DEADLINE)
                                .deployment()
                                .status())
                .isEqualTo("ACTIVE");
        assertThat(edge.get(hostname).body()).isEqualTo("steady\n");

        AtomicInteger answeredWhileDown = new AtomicInteger();
        platform.restartService(
                "deployer-worker",
                () -> {
                    // The product plane's worker of this region is gone; the app is not.
                    assertThat(edge.getQuietly(hostname).body()).isEqualTo("steady\n");
                    answeredWhileDown.incrementAndGet();
                    // The edge restarts too, having lost its routes.
                    platform.restartEdgeWithoutItsRoutes();
                    assertThat(edge.getQuietly(hostname).status()).isNotEqualTo(200);
                });

        // The returning worker adopts the running container and routes it again.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> edge.getQuietly(hostname).body().equals("steady\n"));
        assertThat(answeredWhileDown).hasValue(1);
        assertThat(app.dashboard().latestDeployment(app.serviceId()).orElseThrow().status())
                .isEqualTo("ACTIVE");
    }

    @Test
    void anAppWhoseProcessDiesShowsCrashedThenActiveAgainAfterTheRestart() throws Exception {
        InternalApp app = InternalApp.create(platform, WORK, "e2e-docker-crash", "crashy");
        String hostname = "web-crashy-" + app.userId() + ".localhost";
        // Serves for 30 s, then its process dies with code 3, as an app with a fatal bug does;
        // each restart serves for 30 s again.
        BusyboxApp.writeTo(app.git(), "crashy\n");
        app.git()
                .write(
                        "Dockerfile",
                        BusyboxApp.DOCKERFILE.replace(
                                "\"exec /bin/busybox httpd -f -p ${PORT:-8080} -h /www\"",
                                "\"/bin/busybox httpd -f -p ${PORT:-8080} -h /www &"
                                        + " /bin/busybox sleep 30; exit 3\""));
        String sha = app.git().commit("crashy");
        app.git().push(app.grant().remoteUrl(), app.grant().token());
        DeploymentView deployment =
                app.follower().follow(app.serviceId(), sha, DEPLOY_DEADLINE).deployment();
        assertThat(deployment.status()).as("%s", deployment).isEqualTo("ACTIVE");

        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () ->
                                app.dashboard().eventMessages(deployment.id()).stream()
                                        .anyMatch(message -> message.startsWith("Running again")));
        List<String> messages = app.dashboard().eventMessages(deployment.id());
        assertThat(messages)
                .filteredOn(message -> message.startsWith("Crashed: "))
                .first()
                .asString()
                .contains("code 3");
        assertThat(
                        messages.indexOf(
                                messages.stream()
                                        .filter(m -> m.startsWith("Crashed: "))
                                        .findFirst()
                                        .orElseThrow()))
                .isLessThan(
                        messages.indexOf(
                                messages.stream()
                                        .filter(m -> m.startsWith("Running again"))
                                        .findFirst()
                                        .orElseThrow()));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> edge.getQuietly(hostname).body().equals("crashy\n"));
    }

    @Test
    void anAppThatExitsAtOnceFailsWithItsExitCodeAndLastLogLines() {
        InternalApp app = InternalApp.create(platform, WORK, "e2e-docker-exit", "quitter");
        BusyboxApp.writeTo(app.git(), "never served\n");
        app.git()
                .write(
                        "Dockerfile",
                        BusyboxApp.DOCKERFILE.replace(
                                "\"exec /bin/busybox httpd -f -p ${PORT:-8080} -h /www\"",
                                "\"echo missing DATABASE_URL >&2; exit 7\""));
        String sha = app.git().commit("quits");
        app.git().push(app.grant().remoteUrl(), app.grant().token());

        DeploymentView deployment =
                app.follower().follow(app.serviceId(), sha, DEPLOY_DEADLINE).deployment();

        assertThat(deployment.status()).isEqualTo("FAILED");
        assertThat(deployment.errorMessage()).contains("7").contains("missing DATABASE_URL");
    }

    @Test
    void anAppsLinesAndMemoryReachItsOwnerThroughGraphqlTheSubscriptionAndMcpAndNoOneElse()
            throws Exception {
        InternalApp app = InternalApp.create(platform, WORK, "e2e-docker-observed", "observed");
        String hostname = "web-observed-" + app.userId() + ".localhost";
        ObservedApp.writeTo(app.git());
        String sha = app.git().commit("observed");
        app.git().push(app.grant().remoteUrl(), app.grant().token());
        DeploymentView deployment =
                app.follower().follow(app.serviceId(), sha, DEPLOY_DEADLINE).deployment();
        assertThat(deployment.status()).as("%s", deployment).isEqualTo("ACTIVE");
        String idToken =
                platform.signInToken(
                        "e2e-docker-observed",
                        "e2e-docker-observed@example.com",
                        "E2E e2e-docker-observed");

        try (GraphqlSubscription tail =
                        GraphqlSubscription.open(
                                platform.graphqlWebSocketUrl(),
                                idToken,
                                "subscription($id: ID!) { serviceLogs(serviceId: $id) { "
                                        + Dashboard.LOG_LINE_FIELDS
                                        + " } }",
                                Map.of("id", app.serviceId()),
                                "serviceLogs");
                McpAgent agent =
                        McpAgent.connect(
                                platform.mcpUrl(), app.dashboard().createApiKey("observer"))) {
            // The tail follows from when it is open: let it see a first line before the marker.
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () -> {
                                // quietly: a warm-up the loaded machine answers late is asked again
                                edge.getQuietly(hostname, "/cgi-bin/say?warm-up");
                                return !tail.received().isEmpty();
                            });
            String marker = "marker-" + System.nanoTime();
            long requested = System.nanoTime();
            assertThat(edge.get(hostname, "/cgi-bin/say?" + marker).body())
                    .isEqualTo("said " + marker + "\n");

            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(
                            () ->
                                    app.dashboard().serviceLogs(app.serviceId(), marker, 10).size()
                                            == 2);
            TIMINGS.record(
                    "app line to serviceLogs", Duration.ofNanos(System.nanoTime() - requested));
            List<Dashboard.LogLine> lines =
                    app.dashboard().serviceLogs(app.serviceId(), marker, 10);
            assertThat(lines)
                    .extracting(Dashboard.LogLine::stream, Dashboard.LogLine::text)
                    .containsExactlyInAnyOrder(
                            tuple("STDOUT", "said " + marker), tuple("STDERR", "warned " + marker));
            assertThat(lines)
                    .extracting(Dashboard.LogLine::deploymentId)
                    .containsOnly(deployment.id());

            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(
                            () ->
                                    tail.received().stream()
                                            .anyMatch(
                                                    line ->
                                                            line.path("text")
                                                                    .asText()
                                                                    .equals("said " + marker)));
            TIMINGS.record(
                    "app line to the serviceLogs subscription",
                    Duration.ofNanos(System.nanoTime() - requested));

            String runtimeLogs =
                    String.valueOf(
                            agent.call(
                                    "get_logs",
                                    Map.of(
                                            "serviceId",
                                            app.serviceId(),
                                            "kind",
                                            "runtime",
                                            "search",
                                            marker)));
            assertThat(runtimeLogs).contains("said " + marker).contains("warned " + marker);
        }

        // Memory: what the app holds, from its sandbox, through Prometheus.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () ->
                                !app.dashboard()
                                        .memoryWorkingSetBytes(app.serviceId(), "2m", "1s")
                                        .isEmpty());
        double before = latest(app.dashboard().memoryWorkingSetBytes(app.serviceId(), "2m", "1s"));
        int heldMiB = 48;
        long held = System.nanoTime();
        // Repeatable: a request that the loaded machine did not answer in time is asked again.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () ->
                                edge.getQuietly(hostname, "/cgi-bin/hold?" + heldMiB)
                                        .body()
                                        .startsWith("holding 48 MiB"));
        double expected = heldMiB * 1024.0 * 1024.0;
        List<Double> seen = new CopyOnWriteArrayList<>();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            double now =
                                    latest(
                                            app.dashboard()
                                                    .memoryWorkingSetBytes(
                                                            app.serviceId(), "2m", "1s"));
                            seen.add(now);
                            return Math.abs(now - before - expected) <= 0.1 * expected;
                        });
        TIMINGS.record("48 MiB held to serviceMetrics", Duration.ofNanos(System.nanoTime() - held));
        TIMINGS.record(
                "memory before and after holding 48 MiB",
                before + " → " + seen.get(seen.size() - 1));
        JsonNode limits =
                app.dashboard()
                        .serviceMetrics(
                                app.serviceId(), "5m", "15s", "limits { memoryBytes cpuCores }")
                        .path("limits");
        assertThat(limits.path("memoryBytes").asDouble()).isPositive();

        // Another user learns nothing, not even that the service exists.
        Dashboard stranger =
                new Dashboard(
                        new GraphqlClient(
                                platform.graphqlUrl(),
                                platform.signInToken("e2e-docker-stranger", "s@example.com", "S")));
        stranger.userId();
        assertThatThrownBy(() -> stranger.serviceLogs(app.serviceId(), null, 10))
                .isInstanceOfSatisfying(
                        GraphqlException.class,
                        e -> assertThat(e.codes()).containsExactly("NOT_FOUND"));
        assertThatThrownBy(() -> stranger.memoryWorkingSetBytes(app.serviceId(), "5m", "15s"))
                .isInstanceOfSatisfying(
                        GraphqlException.class,
                        e -> assertThat(e.codes()).containsExactly("NOT_FOUND"));
    }

    @Test
    void aPersonDeploysAPushedRepoFromTheDashboardWatchesItGoLiveAndRollsBackInChromium()
            throws Exception {
        RealParts.require(DashboardBrowser.unavailableReason());
        String dashboard = platform.dashboardUrl().toString();
        try (DashboardBrowser browser = DashboardBrowser.start()) {
            DashboardInBrowser.Result result =
                    new DashboardInBrowser(platform, browser, edge, WORK, DEPLOY_DEADLINE)
                            .signInDeployWatchOpenObserveAndRollBack(dashboard);
            TIMINGS.record(
                    "dashboard first load (Navigation Timing loadEventEnd)",
                    result.navigationTiming());
            TIMINGS.record(
                    "dashboard first load, WebDriver navigation to the page shown",
                    result.firstLoad());
            TIMINGS.record(
                    "dashboard JavaScript gzipped (bytes)",
                    Long.toString(result.gzippedScriptBytes()));
            TIMINGS.record("dashboard: create service to ACTIVE shown", result.createToActive());
            assertThat(result.gzippedScriptBytes()).isLessThan(200 * 1024);
        }
    }

    @Test
    void customDomainsAreVerifiedIssuedByPebbleServedOverTlsAndRemovedAndNoOneElseReachesThem()
            throws Exception {
        TestDomains dns = platform.testDomains().orElseThrow();
        InternalApp app = InternalApp.create(platform, WORK, "e2e-docker-domains", "domains");
        BusyboxApp.writeTo(app.git(), "on my own domain\n");
        String sha = app.git().commit("own domain");
        app.git().push(app.grant().remoteUrl(), app.grant().token());
        assertThat(
                        app.follower()
                                .follow(app.serviceId(), sha, DEPLOY_DEADLINE)
                                .deployment()
                                .status())
                .isEqualTo("ACTIVE");
        TlsCurl curl = new TlsCurl(platform.edgeTlsPort(), dns.issuingRootFile());

        // The user's zone at their DNS provider, and the platform's CNAME zone, which sends
        // every target to this machine.
        DnsZone userZone = DnsZone.named("example.test");
        DnsZone targets = DnsZone.named("cname.localhost");
        List<Duration> verifyToTls = new ArrayList<>();
        List<CustomDomainView> added = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String name = "app" + i + ".example.test";
            CustomDomainView domain = app.dashboard().addCustomDomain(app.serviceId(), name);
            assertThat(domain.certificateStatus()).isEqualTo("PENDING_VERIFICATION");
            assertThat(curl.get(name).answered()).as("%s before it is verified", name).isFalse();
            CustomDomainView.Record txt = domain.record("TXT");
            CustomDomainView.Record cname = domain.record("CNAME");
            assertThat(txt.name()).isEqualTo("_dp-verify." + name);
            assertThat(cname.name()).isEqualTo(name);
            userZone.txt(txt.name() + ".", txt.expected())
                    .cname(name + ".", cname.expected() + ".");
            targets.a(cname.expected() + ".", "127.0.0.1");
            dns.serve(List.of(userZone, targets));

            long asked = System.nanoTime();
            app.dashboard().verifyCustomDomain(domain.id());
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> curl.get(name).answered());
            verifyToTls.add(Duration.ofNanos(System.nanoTime() - asked));
            assertThat(curl.get(name).body()).isEqualTo("on my own domain\n");
            added.add(domain);
        }
        TIMINGS.record(
                "verifyCustomDomain to the first TLS answer (Pebble), median of 3",
                Timings.median(verifyToTls));
        TIMINGS.record("verifyCustomDomain to the first TLS answer, each", verifyToTls.toString());

        List<CustomDomainView> shown = app.dashboard().customDomains(app.serviceId());
        assertThat(shown)
                .as("the custom domains as shown, with their errors: %s", shown)
                .extracting(CustomDomainView::domain, CustomDomainView::certificateStatus)
                .containsExactly(
                        tuple("app1.example.test", "READY"),
                        tuple("app2.example.test", "READY"),
                        tuple("app3.example.test", "READY"));
        assertThat(shown.get(0).records())
                .extracting(CustomDomainView.Record::status)
                .containsOnly("OK");
        // The platform's own name keeps answering over HTTP beside the domains.
        assertThat(edge.get("web-domains-" + app.userId() + ".localhost").body())
                .isEqualTo("on my own domain\n");

        // Another user can neither see, verify, remove nor take the domains.
        Dashboard stranger =
                new Dashboard(
                        new GraphqlClient(
                                platform.graphqlUrl(),
                                platform.signInToken(
                                        "e2e-docker-domain-stranger", "ds@example.com", "DS")));
        stranger.userId();
        String theirs = added.get(0).id();
        assertThatThrownBy(() -> stranger.verifyCustomDomain(theirs))
                .isInstanceOfSatisfying(
                        GraphqlException.class,
                        e -> assertThat(e.codes()).containsExactly("NOT_FOUND"));
        assertThatThrownBy(() -> stranger.removeCustomDomain(theirs))
                .isInstanceOfSatisfying(
                        GraphqlException.class,
                        e -> assertThat(e.codes()).containsExactly("NOT_FOUND"));
        assertThatThrownBy(() -> stranger.customDomains(app.serviceId()))
                .isInstanceOfSatisfying(
                        GraphqlException.class,
                        e -> assertThat(e.codes()).containsExactly("NOT_FOUND"));
        assertThat(curl.get("app1.example.test").answered()).isTrue();

        // Removing takes the route and the certificate away; the other domains stay.
        app.dashboard().removeCustomDomain(theirs);
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !curl.get("app1.example.test").answered());
        assertThat(curl.get("app2.example.test").body()).isEqualTo("on my own domain\n");
        assertThat(app.dashboard().customDomains(app.serviceId()))
                .extracting(CustomDomainView::domain)
                .containsExactly("app2.example.test", "app3.example.test");
    }

    private static double latest(List<Double> points) {
        return points.get(points.size() - 1);
    }

    @Test
    void thePrintedExampleEndsWithTheAppAnsweringItsUrl() throws Exception {
        Path demo = Path.of("/tmp/mcpdeploy-demo");
        Directories.deleteQuietly(demo);
        Process bash =
                new ProcessBuilder("bash", "-c", "set -e\n" + platform.example())
                        .redirectErrorStream(true)
                        .start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(5, TimeUnit.MINUTES)).isTrue();
        Directories.deleteQuietly(demo);

        assertThat(bash.exitValue()).as(output).isZero();
        assertThat(output.strip()).as(output).endsWith("hello from MCPDeploy");
    }

    /** Requests to one app from a few threads until stopped: what a user sees during a switch. */
    private static final class RequestLoop {
        /** Bounds the loop should a stop never come. */
        private static final int MAX_REQUESTS = 200_000;

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger requests = new AtomicInteger();
        private final List<String> failed = new CopyOnWriteArrayList<>();
        private final List<Thread> threads = new ArrayList<>();

        record Result(int requests, List<String> failed) {}

        static RequestLoop start(EdgeClient edge, String hostname, int threads) {
            RequestLoop loop = new RequestLoop();
            for (int i = 0; i < threads; i++) {
                Thread thread =
                        new Thread(
                                () -> {
                                    while (loop.running.get()
                                            && loop.requests.incrementAndGet() < MAX_REQUESTS) {
                                        Reply reply = edge.getQuietly(hostname);
                                        if (reply.status() != 200) {
                                            loop.failed.add(reply.status() + " " + reply.body());
                                        }
                                    }
                                },
                                "request-loop-" + i);
                thread.start();
                loop.threads.add(thread);
            }
            return loop;
        }

        Result stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
            return new Result(requests.get(), List.copyOf(failed));
        }
    }
}
