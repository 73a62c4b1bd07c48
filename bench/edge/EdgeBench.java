import ink.ml.deploy.deployer.worker.run.edge.CaddyEdgeRoutes;
import ink.ml.deploy.deployer.worker.run.edge.HaproxyEdgeRoutes;
import ink.ml.deploy.testing.CaddyProcess;
import ink.ml.deploy.testing.HaproxyProcess;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Latency through the single-host edge (Debian's HAProxy and Debian's Caddy, configured by
 * HaproxyEdgeRoutes and CaddyEdgeRoutes as the platform configures them) against the same app
 * called directly, in the same run.
 *
 * <p>One app (Vert.x, answering "ok" with a Content-Length) on loopback; a fixed number of GETs,
 * from a fixed number of threads, each with one kept-alive connection. Each round runs every path,
 * starting from a different one, so that a drift of the machine hits all. Prints p50/p90/p99/p99.9
 * /max of each path and what each edge adds. Numbers only: nothing is asserted.
 *
 * <p>Options: --requests N (per path, default 40000), --concurrency C (default 4), --rounds R
 * (default 4), --warmup W (per path, default 5000), --upstream ip:port (an app already running,
 * e.g. a container, instead of the built-in one), --edge haproxy|caddy|both (default both).
 */
public class EdgeBench {
    private static final String HOST = "bench-edge-local.localhost";

    public static void main(String[] args) throws Exception {
        int requests = intOption(args, "--requests", 40_000);
        int concurrency = intOption(args, "--concurrency", 4);
        int rounds = intOption(args, "--rounds", 4);
        int warmup = intOption(args, "--warmup", 5_000);
        String givenUpstream = option(args, "--upstream", null);

        String edges = option(args, "--edge", "both");
        if (!List.of("haproxy", "caddy", "both").contains(edges)) {
            throw new IllegalArgumentException("--edge must be haproxy, caddy or both (got " + edges + ")");
        }

        Vertx vertx = Vertx.vertx();
        List<AutoCloseable> started = new ArrayList<>();
        try {
            String upstream = givenUpstream != null ? givenUpstream : startApp(vertx);
            int upstreamPort = Integer.parseInt(upstream.substring(upstream.lastIndexOf(':') + 1));
            String upstreamIp = upstream.substring(0, upstream.lastIndexOf(':'));
            List<Target> targets = new ArrayList<>();
            targets.add(new Target("direct", upstreamIp, upstreamPort, HOST));
            List<String> versions = new ArrayList<>();
            if (!edges.equals("caddy")) {
                HaproxyProcess haproxy = HaproxyProcess.start();
                started.add(haproxy);
                new HaproxyEdgeRoutes(haproxy.adminSocket(), haproxy.mapFile(), Duration.ofSeconds(10))
                        .route(HOST, upstream);
                targets.add(new Target("haproxy", "127.0.0.1", haproxy.edgePort(), HOST));
                versions.add(version(HaproxyProcess.BINARY.toString(), "-v"));
            }
            if (!edges.equals("haproxy")) {
                CaddyProcess caddy = CaddyProcess.start();
                started.add(caddy);
                new CaddyEdgeRoutes(caddy.adminUrl(), caddy.edgeListen(), Duration.ofSeconds(10))
                        .route(HOST, upstream);
                targets.add(new Target("caddy", "127.0.0.1", caddy.edgePort(), HOST));
                versions.add("caddy " + version(CaddyProcess.BINARY.toString(), "version"));
            }

            System.out.printf(
                    Locale.ROOT,
                    "%s; app %s, %d requests per path, %d threads, %d rounds, %d warm-up%n",
                    String.join("; ", versions),
                    givenUpstream != null ? upstream : "Vert.x on " + upstream,
                    requests,
                    concurrency,
                    rounds,
                    warmup);
            for (Target target : targets) {
                run(target, warmup, concurrency);
            }

            long[][][] perTarget = new long[targets.size()][rounds][];
            for (int round = 0; round < rounds; round++) {
                // Each round starts from another path.
                for (int i = 0; i < targets.size(); i++) {
                    int t = (round + i) % targets.size();
                    perTarget[t][round] = run(targets.get(t), requests / rounds, concurrency);
                }
            }
            long[][] all = new long[targets.size()][];
            for (int t = 0; t < targets.size(); t++) {
                all[t] = concat(perTarget[t]);
                Arrays.sort(all[t]);
            }
            System.out.println("path      p50 µs   p90 µs   p99 µs  p99.9 µs   max µs");
            for (int t = 0; t < targets.size(); t++) {
                print(targets.get(t).name(), all[t]);
            }
            for (int t = 1; t < targets.size(); t++) {
                System.out.printf(
                        Locale.ROOT,
                        "added by %s: p50 %+.0f µs, p99 %+.0f µs%n",
                        targets.get(t).name(),
                        (percentile(all[t], 50) - percentile(all[0], 50)) / 1000.0,
                        (percentile(all[t], 99) - percentile(all[0], 99)) / 1000.0);
            }
        } finally {
            for (AutoCloseable part : started) {
                part.close();
            }
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private record Target(String name, String ip, int port, String host) {}

    /** Sends {@code count} GETs spread over {@code threads} connections; their latencies in ns. */
    private static long[] run(Target target, int count, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int share = count / threads + (t < count % threads ? 1 : 0);
                parts.add(pool.submit(() -> loop(target, share)));
            }
            List<long[]> results = new ArrayList<>();
            for (Future<long[]> part : parts) {
                results.add(part.get());
            }
            return concat(results.toArray(long[][]::new));
        } finally {
            pool.shutdownNow();
        }
    }

    private static long[] loop(Target target, int count) throws IOException {
        long[] latencies = new long[count];
        byte[] request =
                ("GET / HTTP/1.1\r\nHost: " + target.host() + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.ip(), target.port()), 5_000);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                out.write(request);
                readResponse(in, target);
                latencies[i] = System.nanoTime() - start;
            }
        }
        return latencies;
    }

    /** Reads one answer with a Content-Length; fails on anything but a 200. */
    private static void readResponse(InputStream in, Target target) throws IOException {
        String status = line(in);
        if (!status.startsWith("HTTP/1.1 200")) {
            throw new IOException(target.name() + " answered " + status);
        }
        int length = -1;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(header.substring(15).trim());
            }
        }
        if (length < 0) {
            throw new IOException(target.name() + " answered without a Content-Length");
        }
        in.readNBytes(length);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static String startApp(Vertx vertx) throws Exception {
        HttpServer server =
                vertx.createHttpServer()
                        .requestHandler(request -> request.response().end("ok"))
                        .listen(0, "127.0.0.1")
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
        return "127.0.0.1:" + server.actualPort();
    }

    private static void print(String name, long[] sorted) {
        System.out.printf(
                Locale.ROOT,
                "%-7s %8.0f %8.0f %8.0f %9.0f %8.0f%n",
                name,
                percentile(sorted, 50) / 1000.0,
                percentile(sorted, 90) / 1000.0,
                percentile(sorted, 99) / 1000.0,
                percentile(sorted, 99.9) / 1000.0,
                sorted[sorted.length - 1] / 1000.0);
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static long[] concat(long[][] parts) {
        long[] all = new long[Arrays.stream(parts).mapToInt(part -> part.length).sum()];
        int at = 0;
        for (long[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static String version(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String version =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                            .lines()
                            .findFirst()
                            .orElse("")
                            .trim();
            process.waitFor();
            return version;
        } catch (IOException | InterruptedException e) {
            return "(version unknown)";
        }
    }

    private static int intOption(String[] args, String name, int fallback) {
        String value = option(args, name, null);
        return value == null ? fallback : Integer.parseInt(value);
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
