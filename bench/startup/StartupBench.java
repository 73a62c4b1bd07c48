import static java.util.stream.Collectors.toList;

import ink.ml.deploy.local.LocalIdentityProvider;
import ink.ml.deploy.local.LocalPlatformOptions;
import ink.ml.deploy.local.PlatformSecrets;
import ink.ml.deploy.local.PlatformService;
import ink.ml.deploy.local.PlatformWiring;
import ink.ml.deploy.local.PlatformWiring.ExecutionWiring;
import ink.ml.deploy.local.PortPlan;
import ink.ml.deploy.local.ServiceLaunch;
import ink.ml.deploy.local.StartupCache;
import ink.ml.deploy.testing.ServiceProcess;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.temporal.testserver.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up time and memory of each of the six services, packaged as the local platform runs them
 * ({@code services/<module>/target/quarkus-app/quarkus-run.jar}, the settings {@link
 * PlatformWiring} gives each, the JVM options {@link LocalPlatformOptions} gives every service),
 * started one at a time against what they talk to: embedded PostgreSQL, the Temporal Java test
 * server, the fabric8 mock Kubernetes API and the local identity provider's JWKS. No registry and no
 * Docker engine: the deployer-worker starts without them and builds are not measured here.
 *
 * <p>Per start: the time from launching the process to the first 200 of its health endpoint, the
 * CPU time the process used until then (user + system: what competing processes on a shared
 * machine barely move), the time Quarkus itself reports ("started in"), the resident set right then and its peak ({@code
 * VmRSS}, {@code VmHWM} from {@code /proc}), and the resident set after it has idled for {@code
 * --idle} seconds. Each service is started {@code --rounds} times after one warm-up start whose
 * figures are dropped (the first graphql start runs the migrations on the empty database, and the
 * file cache is cold); the table shows the median and the range. Prints; never asserts.
 *
 * <pre>
 * bench/startup/run [--rounds N] [--idle S] [--services graphql,mcp] [--jvm "-Xmx128m ..."]
 *                   [--startup-cache on]
 * </pre>
 *
 * {@code --jvm} replaces the local platform's JVM options for this run, e.g. {@code --jvm ""} for a
 * bare {@code java -jar}; {@code -Dname=value} among them overrides a service setting. {@code
 * --startup-cache on} starts each service from its {@link StartupCache}, as {@code ./run-platform}
 * does: the warm-up start trains it when there is none (for the JVM running the bench), the rounds
 * read it.
 */
public final class StartupBench {
    private static final Pattern QUARKUS_STARTED = Pattern.compile(" started in ([0-9.]+)s");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);
    private static final HttpClient HTTP =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofMillis(500))
                    .build();

    record Start(
            long readyMillis,
            long cpuMillis,
            long quarkusMillis,
            long rssKib,
            long peakKib,
            long idleKib) {}

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Map<String, String> options = options(args);
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        int idleSeconds = Integer.parseInt(options.getOrDefault("idle", "5"));
        Path root = Path.of(".").toAbsolutePath().normalize();
        List<String> jvm =
                options.containsKey("jvm")
                        ? Arrays.stream(options.get("jvm").trim().split("\\s+"))
                                .filter(option -> !option.isEmpty())
                                .collect(toList())
                        : LocalPlatformOptions.defaults(root).jvmOptions();
        Optional<StartupCache> startupCache =
                "on".equals(options.get("startup-cache"))
                        ? Optional.of(StartupCache.ofThisJvm())
                        : Optional.empty();
        List<PlatformService> services =
                options.containsKey("services")
                        ? Arrays.stream(options.get("services").split(","))
                                .map(PlatformService::byModule)
                                .collect(toList())
                        : List.of(PlatformService.values());

        Path run = Files.createTempDirectory("mcpdeploy-startup-bench-");
        List<AutoCloseable> started = new ArrayList<>();
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            started.add(0, postgres);
            try (Connection connection =
                            DriverManager.getConnection(
                                    postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE mcpdeploy");
            }
            PortPlan ports = PortPlan.random();
            TestServer.PortBoundTestServer temporal =
                    TestServer.createPortBoundServer(ports.temporalPort(), true);
            started.add(0, temporal::close);
            KubernetesMockServer kubernetes =
                    new KubernetesMockServer(
                            new Context(),
                            new MockWebServer(),
                            new HashMap<>(),
                            new KubernetesCrudDispatcher(),
                            false);
            kubernetes.init(InetAddress.getLoopbackAddress(), 0);
            started.add(0, kubernetes::destroy);
            LocalIdentityProvider identity = LocalIdentityProvider.start();
            started.add(0, identity);
            PlatformWiring wiring =
                    new PlatformWiring(
                            ports,
                            postgres.getJdbcUrl("postgres", "mcpdeploy"),
                            "127.0.0.1:" + ports.temporalPort(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            ExecutionWiring.inMemoryKubernetes(
                                    "http://127.0.0.1:" + kubernetes.getPort()),
                            run,
                            identity.jwksUrl(),
                            identity.projectId(),
                            Optional.empty(),
                            Duration.ofSeconds(15),
                            PlatformSecrets.random());
            Files.createDirectories(wiring.gitRoot());
            Files.createDirectories(wiring.checkoutDirectory());
            Path logs = Files.createDirectories(run.resolve("logs"));

            System.out.printf(
                    "JVM options: %s%nrounds: %d after one warm-up start each; RSS after %d s idle%n",
                    jvm.isEmpty() ? "(none)" : String.join(" ", jvm), rounds, idleSeconds);
            Map<PlatformService, List<Start>> results = new LinkedHashMap<>();
            for (PlatformService service : services) {
                Files.createDirectories(wiring.temporaryDirectory(service));
                List<Start> starts = new ArrayList<>();
                for (int round = 0; round <= rounds; round++) {
                    Start start =
                            startOnce(
                                    root, wiring, service, jvm, startupCache, logs, idleSeconds);
                    System.out.printf(
                            "  %-16s %-7s ready %5d ms (CPU %5d ms, Quarkus %5d ms), RSS %4d MB"
                                    + " (peak %4d MB), idle %4d MB, load %s%n",
                            service.module(),
                            round == 0 ? "warm-up" : "round " + round,
                            start.readyMillis(),
                            start.cpuMillis(),
                            start.quarkusMillis(),
                            mib(start.rssKib()),
                            mib(start.peakKib()),
                            mib(start.idleKib()),
                            loadAverage());
                    if (round > 0) {
                        starts.add(start);
                    }
                }
                results.put(service, starts);
            }
            System.out.println();
            System.out.println(
                    "| service | ready ms, median (min–max) | CPU ms to ready | Quarkus \"started"
                            + " in\" ms | RSS at ready MB | peak RSS MB | RSS after idle MB |");
            System.out.println("|---|---|---|---|---|---|---|");
            System.out.println("load average at the end: " + loadAverage());
            results.forEach(
                    (service, starts) ->
                            System.out.printf(
                                    "| %s | **%d** (%d–%d) | %d | %d | **%d** | %d | %d |%n",
                                    service.module(),
                                    median(starts, Start::readyMillis),
                                    starts.stream().mapToLong(Start::readyMillis).min().orElse(0),
                                    starts.stream().mapToLong(Start::readyMillis).max().orElse(0),
                                    median(starts, Start::cpuMillis),
                                    median(starts, Start::quarkusMillis),
                                    mib(median(starts, Start::rssKib)),
                                    mib(median(starts, Start::peakKib)),
                                    mib(median(starts, Start::idleKib))));
        } finally {
            for (AutoCloseable part : started) {
                try {
                    part.close();
                } catch (Exception e) {
                    System.err.println("could not stop a part: " + e);
                }
            }
            deleteTree(run);
        }
    }

    private static Start startOnce(
            Path root,
            PlatformWiring wiring,
            PlatformService service,
            List<String> jvm,
            Optional<StartupCache> startupCache,
            Path logs,
            int idleSeconds)
            throws Exception {
        ServiceLaunch launch = wiring.launch(service, Map.of(), Map.of());
        URI health = wiring.healthUrl(service);
        Path jar = ServiceProcess.runnableJar(root, service.module());
        List<String> options = new ArrayList<>(jvm);
        boolean trains = startupCache.map(cache -> cache.trains(jar)).orElse(false);
        startupCache.ifPresent(cache -> options.addAll(cache.jvmOptions(jar)));
        long begin = System.nanoTime();
        ServiceProcess process =
                ServiceProcess.start(
                        service.module(),
                        jar,
                        options,
                        launch.systemProperties(),
                        launch.environment(),
                        logs);
        try {
            long deadline = begin + START_TIMEOUT.toNanos();
            while (!answers(health)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            service.module() + " exited at start:\n" + process.tail(6000));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            service.module() + " not ready in " + START_TIMEOUT + ":\n"
                                    + process.tail(6000));
                }
                Thread.sleep(10);
            }
            long ready = (System.nanoTime() - begin) / 1_000_000;
            long cpu = cpuMillis(process.pid());
            long rss = status(process.pid(), "VmRSS");
            long peak = status(process.pid(), "VmHWM");
            process.awaitStarted(Duration.ofSeconds(10));
            Matcher quarkus = QUARKUS_STARTED.matcher(process.log());
            long quarkusMillis =
                    quarkus.find() ? Math.round(Double.parseDouble(quarkus.group(1)) * 1000) : -1;
            Thread.sleep(idleSeconds * 1000L);
            long idle = status(process.pid(), "VmRSS");
            return new Start(ready, cpu, quarkusMillis, rss, peak, idle);
        } finally {
            if (trains) {
                process.close(StartupCache.WRITE_GRACE);
            } else {
                process.close();
            }
            startupCache.ifPresent(cache -> cache.keep(jar, process.stoppedByItself()));
        }
    }

    private static boolean answers(URI health) {
        try {
            HttpResponse<Void> response =
                    HTTP.send(
                            HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A {@code kB} figure of {@code /proc/<pid>/status}, e.g. {@code VmRSS}. */
    private static long status(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no " + field + " in /proc/" + pid + "/status");
    }

    /**
     * User and system CPU time the process has used ({@code /proc/<pid>/stat}, clock ticks of
     * 10 ms): unlike the wall time, barely moved by other processes competing for the cores.
     */
    private static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static long median(
            List<Start> starts, java.util.function.ToLongFunction<Start> figure) {
        long[] values = starts.stream().mapToLong(figure).sorted().toArray();
        return values.length == 0 ? 0 : values[values.length / 2];
    }

    private static long mib(long kib) {
        return Math.round(kib / 1024.0);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException(
                        "usage: [--rounds N] [--idle S] [--services a,b] [--jvm \"options\"]"
                                + " [--startup-cache on]; got "
                                + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }
}
