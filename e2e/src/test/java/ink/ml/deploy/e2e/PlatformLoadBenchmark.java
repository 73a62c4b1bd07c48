package ink.ml.deploy.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import ink.ml.deploy.github.WebhookSignature;
import ink.ml.deploy.local.LocalPlatform;
import ink.ml.deploy.local.LocalPlatformOptions;
import ink.ml.deploy.testing.Directories;
import ink.ml.deploy.testing.github.GithubPushWorkflowIds;
import ink.ml.deploy.testing.github.GithubWebhookDeliveries;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The platform under load, against the packaged services as {@code ./run-platform} starts them
 * (apps on the in-memory Kubernetes API: nothing here runs an app), on a seeded history of 50
 * projects × 20 services × 30 deployments (written by {@link LoadSeed} in SQL). Prints, and writes
 * to {@code target/platform-load-benchmark.txt}:
 *
 * <ul>
 *   <li>the two baseline rows (closed model: 10 clients, 10 s, on a second user with 6
 *       projects × 1 service);
 *   <li>GraphQL first screen, {@code service} detail and {@code setVariables}, and MCP {@code
 *       tools/call get_service}: p50/p99 at 50, 100 and 200 req/s (open model, timed from each
 *       request's due time) and the highest rate with p99 under 50 ms ({@link RateSearch});
 *   <li>signed GitHub push webhooks at 200 deliveries/s, 20 % of them redeliveries of an earlier
 *       delivery (same id, same body): answers, p99, and the push workflows Temporal holds;
 *   <li>20 concurrent {@code git push}es to 20 repositories on the git-server: all accepted, one
 *       push workflow each, p99 push time.
 * </ul>
 *
 * Asserts nothing; its name ends in neither IT nor Test, so no test run picks it up: see
 * bench/README.md. {@code -Dbench.seconds} (default 10) is the length of each fixed-rate step.
 */
class PlatformLoadBenchmark {
    private static final Path WORK = Path.of("target", "bench-load-work").toAbsolutePath();
    private static final Duration STEP = Duration.ofSeconds(Long.getLong("bench.seconds", 10));
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final double[] FIXED_RATES = {50, 100, 200};
    private static final int PROJECTS = 50;
    private static final int SERVICES = 20;
    private static final int DEPLOYMENTS = 30;
    private static final double WEBHOOK_RATE = 200;
    private static final Duration WEBHOOK_RUN = Duration.ofSeconds(15);
    private static final int PUSHES = 20;

    /**
     * {@code -Dbench.temporalAddress=host:port}: a Temporal server already running (e.g. the test
     * server as a process of its own) instead of the one the platform starts in this JVM.
     */
    private static final String TEMPORAL_ADDRESS = System.getProperty("bench.temporalAddress", "");

    /**
     * {@code -Dbench.jvmOptions="-XX:TieredStopAtLevel=1 …"}: JVM options for every service, e.g.
     * to make them start within the platform's start-up limit on a machine busy with other work.
     */
    private static final List<String> JVM_OPTIONS =
            Arrays.stream(System.getProperty("bench.jvmOptions", "").split("\\s+"))
                    .filter(option -> !option.isBlank())
                    .toList();

    private static final String ME = "{ me { id } }";
    private static final String BASELINE_FIRST_SCREEN =
            "{ projects { edges { node { id name services { edges { node { id name"
                    + " latestDeployment { id status createdAt } } } } } } } }";
    private static final String FIRST_SCREEN =
            "{ projects { totalCount edges { node { id name services { totalCount edges { node {"
                    + " id name hostname latestDeployment { id status createdAt events(first: 5) {"
                    + " edges { node { step status createdAt } } } } } } } } } } }";
    private static final String SERVICE_DETAIL =
            "query($id: ID!) { service(id: $id) { id name hostname url branch githubRepo port"
                    + " memoryMi vcpu variableNames customDomains { id domain } latestDeployment {"
                    + " id status commitSha createdAt events(first: 5) { edges { node { step status"
                    + " message createdAt } } } } deployments(first: 10) { totalCount edges { node"
                    + " { id status commitSha createdAt } } } } }";
    private static final String SET_VARIABLES =
            "mutation($id: ID!, $v: [VariableInput!]!) { setVariables(serviceId: $id, variables:"
                    + " $v) { id variableNames } }";

    private final List<String> report = new ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();

    @Test
    void printsLatencyAtFixedRatesAndIngestFigures() throws Exception {
        Directories.recreate(WORK);
        Instant began = Instant.now();
        LocalPlatformOptions options =
                LocalPlatformOptions.defaults(Path.of("..").toAbsolutePath().normalize())
                        .withRandomPorts()
                        .withEnvironment(
                                TEMPORAL_ADDRESS.isBlank()
                                        ? Map.of()
                                        : Map.of("TEMPORAL_ADDRESS", TEMPORAL_ADDRESS))
                        .withInMemoryKubernetes()
                        .withLogDirectory(Path.of("target", "bench-load-logs").toAbsolutePath());
        if (!JVM_OPTIONS.isEmpty()) {
            options = options.withJvmOptions(JVM_OPTIONS);
        }
        try (LocalPlatform platform = LocalPlatform.start(options)) {
            line("# Platform load benchmark, " + began.truncatedTo(ChronoUnit.SECONDS));
            line(
                    "machine: "
                            + Runtime.getRuntime().availableProcessors()
                            + " CPUs, load average at start "
                            + loadAverage()
                            + " (the six services, PostgreSQL, Temporal and this client share"
                            + " them); services' JVM options: "
                            + (JVM_OPTIONS.isEmpty() ? "the defaults" : JVM_OPTIONS));

            String token = platform.signInToken("local", "local@mcpdeploy.localhost", "Local User");
            GraphqlClient graphql = new GraphqlClient(platform.graphqlUrl(), token);
            String userId = graphql.execute(ME).path("me").path("id").asText();
            long seedStart = System.nanoTime();
            List<String> serviceIds =
                    LoadSeed.seed(
                            platform.jdbcUrl(), userId, "bench", PROJECTS, SERVICES, DEPLOYMENTS);
            line(
                    String.format(
                            "seed (SQL, LoadSeed): %s, in %.1f s",
                            LoadSeed.counts(platform.jdbcUrl(), userId),
                            (System.nanoTime() - seedStart) / 1e9));

            String baselineToken =
                    platform.signInToken("baseline", "baseline@example.com", "Baseline");
            String baselineUser =
                    new GraphqlClient(platform.graphqlUrl(), baselineToken)
                            .execute(ME)
                            .path("me")
                            .path("id")
                            .asText();
            LoadSeed.seed(platform.jdbcUrl(), baselineUser, "base", 6, 1, 1);

            URI graphqlUrl = platform.graphqlUrl();
            checkFirstScreen(graphql);

            line("");
            line("## Baseline (closed model: 10 clients, 10 s; user with 6 projects × 1 service)");
            line("");
            line("| query | throughput | p50 | p99 | max | failed | load avg |");
            line("|---|---|---|---|---|---|---|");
            closedModel(
                    "`{ me { id } }`", graphqlUrl, baselineToken, ME, 10, Duration.ofSeconds(10));
            closedModel(
                    "first screen, 6 projects × 1 service",
                    graphqlUrl,
                    baselineToken,
                    BASELINE_FIRST_SCREEN,
                    10,
                    Duration.ofSeconds(10));

            line("");
            line(
                    "## Fixed rates (open model, "
                            + STEP.toSeconds()
                            + " s per rate, latency from each request's due time)");
            line("");
            line(
                    "| figure | rate (req/s) | sent | ok | failed | not sent | p50 | p99 | max |"
                            + " load avg |");
            line("|---|---|---|---|---|---|---|---|---|---|");
            List<String> highest = new ArrayList<>();
            AtomicInteger next = new AtomicInteger();
            highest.add(
                    fixedRatesAndSearch(
                            "GraphQL first screen (20 projects × 20 services, latestDeployment,"
                                    + " events(first: 5))",
                            i -> graphqlRequest(graphqlUrl, token, FIRST_SCREEN, Map.of())));
            highest.add(
                    fixedRatesAndSearch(
                            "GraphQL `service` detail",
                            i ->
                                    graphqlRequest(
                                            graphqlUrl,
                                            token,
                                            SERVICE_DETAIL,
                                            Map.of(
                                                    "id",
                                                    serviceIds.get(
                                                            (int) (i % serviceIds.size()))))));
            highest.add(
                    fixedRatesAndSearch(
                            "GraphQL `setVariables` (mutation)",
                            i ->
                                    graphqlRequest(
                                            graphqlUrl,
                                            token,
                                            SET_VARIABLES,
                                            Map.of(
                                                    "id",
                                                    serviceIds.get(
                                                            next.getAndIncrement()
                                                                    % serviceIds.size()),
                                                    "v",
                                                    List.of(
                                                            Map.of(
                                                                    "name",
                                                                    "BENCH_VALUE",
                                                                    "value",
                                                                    "v" + i))))));
            McpHttpSession mcp = McpHttpSession.open(http, platform.mcpUrl(), platform.apiKey());
            mcp.callTool("get_service", "{\"serviceId\":\"" + serviceIds.get(0) + "\"}").get();
            highest.add(
                    fixedRatesAndSearch(
                            "MCP `tools/call get_service` (Streamable HTTP, one session)",
                            i ->
                                    mcp.callTool(
                                                    "get_service",
                                                    "{\"serviceId\":\""
                                                            + serviceIds.get(
                                                                    (int) (i % serviceIds.size()))
                                                            + "\"}")
                                            .thenApply(result -> result.has("content"))));

            line("");
            line("## Highest rate with p99 < " + (int) RateSearch.P99_BOUND_MILLIS + " ms");
            line("");
            line("| figure | highest passing rate | lowest failing rate | steps searched |");
            line("|---|---|---|---|");
            highest.forEach(this::line);

            line("");
            line("## Ingest");
            line("");
            webhookIngest(platform);
            concurrentPushes(platform, graphql);

            line("");
            line(
                    "finished "
                            + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                            + ", load average "
                            + loadAverage());
        } finally {
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target", "platform-load-benchmark.txt"), report);
        }
    }

    /** The first screen must answer 20 projects with their services before it is measured. */
    private void checkFirstScreen(GraphqlClient graphql) {
        JsonNode projects = graphql.execute(FIRST_SCREEN).path("projects");
        int services = 0;
        int events = 0;
        for (JsonNode project : projects.path("edges")) {
            for (JsonNode service : project.path("node").path("services").path("edges")) {
                services++;
                events +=
                        service.path("node")
                                .path("latestDeployment")
                                .path("events")
                                .path("edges")
                                .size();
            }
        }
        line(
                String.format(
                        "first screen answers %d of %d projects, %d services, %d events",
                        projects.path("edges").size(),
                        projects.path("totalCount").asInt(),
                        services,
                        events));
    }

    private String fixedRatesAndSearch(
            String name, LongFunction<CompletableFuture<Boolean>> request)
            throws InterruptedException {
        FixedRateLoad.run(20, WARM_UP, request);
        List<FixedRateLoad.Step> fixed = new ArrayList<>();
        for (double rate : FIXED_RATES) {
            FixedRateLoad.Step step = FixedRateLoad.run(rate, STEP, request);
            fixed.add(step);
            stepRow(name, step, "");
        }
        RateSearch.Outcome outcome =
                RateSearch.search(
                        fixed,
                        rate -> {
                            FixedRateLoad.Step step = FixedRateLoad.run(rate, STEP, request);
                            stepRow(name, step, " (search)");
                            return step;
                        });
        return String.format(
                "| %s | %s | %s | %s |",
                name,
                outcome.passing() == 0
                        ? "none (below " + (int) fixed.get(0).rate() + " req/s)"
                        : (int) outcome.passing() + " req/s",
                Double.isInfinite(outcome.failing())
                        ? "none up to the highest tried"
                        : (int) outcome.failing() + " req/s",
                outcome.steps().stream().map(step -> String.valueOf((int) step.rate())).toList());
    }

    private void stepRow(String name, FixedRateLoad.Step step, String note) {
        line(
                String.format(
                        "| %s%s | %d | %d | %d | %d | %d | %s | %s | %s | %s |",
                        name,
                        note,
                        (int) step.rate(),
                        step.sent(),
                        step.ok(),
                        step.failed() + step.unanswered(),
                        step.notSent(),
                        millis(step.p50Millis()),
                        millis(step.p99Millis()),
                        millis(step.maxMillis()),
                        loadAverage()));
        if (step.firstFailure() != null) {
            line("  first failure: " + abbreviate(step.firstFailure()));
        }
    }

    private CompletableFuture<Boolean> graphqlRequest(
            URI url, String bearer, String document, Map<String, Object> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", document);
        body.put("variables", variables);
        String json;
        try {
            json = GraphqlClient.JSON.writeValueAsString(body);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
        return http.sendAsync(
                        HttpRequest.newBuilder(url)
                                .timeout(Duration.ofSeconds(60))
                                .header("Content-Type", "application/json")
                                .header("Accept", "application/json")
                                .header("Authorization", "Bearer " + bearer)
                                .POST(HttpRequest.BodyPublishers.ofString(json))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .thenApply(
                        response -> {
                            if (response.statusCode() != 200
                                    || response.body().contains("\"errors\"")) {
                                throw new IllegalStateException(
                                        "HTTP "
                                                + response.statusCode()
                                                + ": "
                                                + abbreviate(response.body()));
                            }
                            return true;
                        });
    }

    /** {@code clients} threads, each sending the next request when the last answered. */
    private void closedModel(
            String name, URI url, String bearer, String document, int clients, Duration run)
            throws Exception {
        for (int i = 0; i < 20; i++) {
            graphqlRequest(url, bearer, document, Map.of()).get();
        }
        Histogram latency = new Histogram(60_000_000L, 3);
        AtomicInteger failed = new AtomicInteger();
        long end = System.nanoTime() + run.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(
                    pool.submit(
                            () -> {
                                while (System.nanoTime() < end) {
                                    long sent = System.nanoTime();
                                    try {
                                        graphqlRequest(url, bearer, document, Map.of()).get();
                                        long micros = (System.nanoTime() - sent) / 1000;
                                        synchronized (latency) {
                                            latency.recordValue(micros);
                                        }
                                    } catch (Exception e) {
                                        failed.incrementAndGet();
                                    }
                                }
                                return null;
                            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        pool.shutdown();
        line(
                String.format(
                        "| %s | %.0f req/s | %s | %s | %s | %d | %s |",
                        name,
                        latency.getTotalCount() / (double) run.toSeconds(),
                        millis(latency.getValueAtPercentile(50) / 1000.0),
                        millis(latency.getValueAtPercentile(99) / 1000.0),
                        millis(latency.getMaxValue() / 1000.0),
                        failed.get(),
                        loadAverage()));
    }

    /**
     * 200 signed push deliveries a second for 15 s; every fifth is a redelivery (same delivery id,
     * same body) of one of the 100 newest originals, some of them still in flight. Each original is
     * a new commit on a repository no service tracks, so each push workflow starts, finds nothing
     * to deploy and ends: what is measured is the ingest, not a build.
     */
    private void webhookIngest(LocalPlatform platform) throws Exception {
        URI webhookUrl = platform.deployerServerUrl().resolve("/webhooks/github");
        WebhookSignature signer = WebhookSignature.withSecret(platform.githubWebhookSecret());
        List<Delivery> originals = Collections.synchronizedList(new ArrayList<>());
        Map<String, AtomicInteger> startedAnswers = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        Random random = new Random(20);
        AtomicInteger redeliveries = new AtomicInteger();
        LongFunction<CompletableFuture<Boolean>> deliver =
                i -> {
                    Delivery delivery;
                    if (i % 5 == 4 && originals.size() > 0) {
                        int newest = originals.size();
                        delivery =
                                originals.get(newest - 1 - random.nextInt(Math.min(100, newest)));
                        redeliveries.incrementAndGet();
                    } else {
                        String body =
                                GithubWebhookDeliveries.push(
                                        "bench-hooks/ingest",
                                        "main",
                                        GithubWebhookDeliveries.randomSha());
                        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                        delivery =
                                new Delivery(
                                        GithubWebhookDeliveries.newDeliveryId(),
                                        bytes,
                                        signer.sign(bytes),
                                        GithubPushWorkflowIds.of(body));
                        originals.add(delivery);
                    }
                    return http.sendAsync(
                                    HttpRequest.newBuilder(webhookUrl)
                                            .timeout(Duration.ofSeconds(60))
                                            .header("Content-Type", "application/json")
                                            .header("User-Agent", "GitHub-Hookshot/bench")
                                            .header("X-GitHub-Event", "push")
                                            .header("X-GitHub-Delivery", delivery.id())
                                            .header(WebhookSignature.HEADER, delivery.signature())
                                            .POST(
                                                    HttpRequest.BodyPublishers.ofByteArray(
                                                            delivery.body()))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .thenApply(
                                    response -> {
                                        String outcome =
                                                response.statusCode()
                                                        + " "
                                                        + outcome(response.body());
                                        outcomes.computeIfAbsent(
                                                        outcome, key -> new AtomicInteger())
                                                .incrementAndGet();
                                        if (outcome.equals("202 started")) {
                                            startedAnswers
                                                    .computeIfAbsent(
                                                            delivery.workflowId(),
                                                            key -> new AtomicInteger())
                                                    .incrementAndGet();
                                            return true;
                                        }
                                        return outcome.equals("200 duplicate");
                                    });
                };
        FixedRateLoad.Step step = FixedRateLoad.run(WEBHOOK_RATE, WEBHOOK_RUN, deliver);
        Map<String, Integer> runs = WorkflowRuns.byId(platform.temporalTarget(), "push-github-");
        int lost = 0;
        int duplicated = 0;
        for (Delivery original : originals) {
            Integer count = runs.get(original.workflowId());
            if (count == null) {
                lost++;
            } else if (count > 1) {
                duplicated++;
            }
        }
        long startedTwice =
                startedAnswers.values().stream().filter(count -> count.get() > 1).count();
        line(
                "| webhook ingest | deliveries | originals / redeliveries | answers | push"
                        + " workflows in Temporal (runs) | lost | duplicate workflows | p50 | p99"
                        + " | max |");
        line("|---|---|---|---|---|---|---|---|---|---|");
        line(
                String.format(
                        "| %d/s for %d s, 20 %% redelivered | %d sent, %d not sent, %d unanswered |"
                                + " %d / %d | %s | %d ids, %d runs | %d | %d (ids started twice"
                                + " by the answers: %d) | %s | %s | %s |",
                        (int) WEBHOOK_RATE,
                        WEBHOOK_RUN.toSeconds(),
                        step.sent(),
                        step.notSent(),
                        step.unanswered(),
                        originals.size(),
                        redeliveries.get(),
                        new java.util.TreeMap<>(outcomes),
                        runs.size(),
                        runs.values().stream().mapToInt(Integer::intValue).sum(),
                        lost,
                        duplicated,
                        startedTwice,
                        millis(step.p50Millis()),
                        millis(step.p99Millis()),
                        millis(step.maxMillis())));
        if (step.firstFailure() != null) {
            line("  first failure: " + abbreviate(step.firstFailure()));
        }
        line("");
    }

    private static String outcome(String body) {
        try {
            return GraphqlClient.JSON.readTree(body).path("outcome").asText("?");
        } catch (Exception e) {
            return "unreadable";
        }
    }

    private record Delivery(String id, byte[] body, String signature, String workflowId) {}

    /**
     * 20 repositories on the git-server, each with a working copy holding one new commit, pushed at
     * once from 20 threads with the stock git client. No service tracks them, so each push's
     * workflow starts, finds nothing to deploy and ends.
     */
    private void concurrentPushes(LocalPlatform platform, GraphqlClient graphql) throws Exception {
        Dashboard dashboard = new Dashboard(graphql);
        String projectId =
                graphql.execute("{ projects(first: 1) { edges { node { id } } } }")
                        .path("projects")
                        .path("edges")
                        .get(0)
                        .path("node")
                        .path("id")
                        .asText();
        List<GitCli> copies = new ArrayList<>();
        List<Dashboard.GitGrant> grants = new ArrayList<>();
        for (int i = 1; i <= PUSHES; i++) {
            String name = String.format("push-%02d", i);
            String repoId = dashboard.createInternalRepo(projectId, name);
            grants.add(dashboard.createGitToken(repoId));
            GitCli git = GitCli.init(WORK.resolve(name));
            git.write("README.md", "pushed by the load benchmark, repository " + i + "\n");
            git.commit("first");
            copies.add(git);
        }
        Map<String, Integer> before =
                WorkflowRuns.byId(platform.temporalTarget(), "push-git-server-");
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pushers = Executors.newFixedThreadPool(PUSHES);
        List<Future<Long>> timings = new ArrayList<>();
        for (int i = 0; i < PUSHES; i++) {
            GitCli git = copies.get(i);
            Dashboard.GitGrant grant = grants.get(i);
            timings.add(
                    pushers.submit(
                            () -> {
                                go.await();
                                long started = System.nanoTime();
                                git.push(grant.remoteUrl(), grant.token());
                                return (System.nanoTime() - started) / 1000;
                            }));
        }
        long wallStart = System.nanoTime();
        go.countDown();
        Histogram latency = new Histogram(600_000_000L, 3);
        int accepted = 0;
        String firstFailure = null;
        for (Future<Long> timing : timings) {
            try {
                latency.recordValue(timing.get());
                accepted++;
            } catch (java.util.concurrent.ExecutionException e) {
                if (firstFailure == null) {
                    firstFailure = String.valueOf(e.getCause());
                }
            }
        }
        double wall = (System.nanoTime() - wallStart) / 1e9;
        pushers.shutdown();
        Map<String, Integer> after =
                WorkflowRuns.byId(platform.temporalTarget(), "push-git-server-");
        Map<String, Integer> fresh = new HashMap<>(after);
        fresh.keySet().removeAll(before.keySet());
        long startedTwice = fresh.values().stream().filter(runs -> runs > 1).count();
        line(
                "| concurrent git pushes | accepted | push workflows started (runs) | started more"
                        + " than once | p50 | p99 | max | wall time |");
        line("|---|---|---|---|---|---|---|---|");
        line(
                String.format(
                        "| %d repositories at once | %d of %d | %d ids, %d runs | %d | %s | %s | %s"
                                + " | %.2f s |",
                        PUSHES,
                        accepted,
                        PUSHES,
                        fresh.size(),
                        fresh.values().stream().mapToInt(Integer::intValue).sum(),
                        startedTwice,
                        millis(latency.getValueAtPercentile(50) / 1000.0),
                        millis(latency.getValueAtPercentile(99) / 1000.0),
                        millis(latency.getMaxValue() / 1000.0),
                        wall));
        if (firstFailure != null) {
            line("  first failure: " + abbreviate(firstFailure));
        }
    }

    private void line(String text) {
        System.out.println(text);
        report.add(text);
    }

    private static String millis(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return value < 10 ? String.format("%.1f ms", value) : String.format("%.0f ms", value);
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0];
        } catch (Exception e) {
            return "?";
        }
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
