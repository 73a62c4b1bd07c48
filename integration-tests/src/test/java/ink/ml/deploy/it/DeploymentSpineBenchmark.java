package ink.ml.deploy.it;

import com.google.protobuf.util.Timestamps;
import ink.ml.deploy.it.SpineEnvironment.Fixture;
import ink.ml.deploy.testing.Directories;
import ink.ml.deploy.workflow.WorkflowIds;
import ink.ml.deploy.workflow.push.PushOutcome;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A benchmark, not a test (its name ends in neither IT nor Test, so no build runs it; {@code
 * bench/README.md} has the command): it prints numbers and asserts nothing about time. It answers
 * two questions about the deployment spine, on the same world as {@link DeploymentSpineIT} ({@link
 * SpineEnvironment}):
 *
 * <ol>
 *   <li><b>Platform overhead</b>: per deployment, from the {@code queued} event to the {@code
 *       active} event, minus the build step (clone + build + push) and minus the rollout wait; what
 *       is left is the platform's own work: workflow and activity scheduling through Temporal, the
 *       database writes, the apply of the Kubernetes resources.
 *   <li><b>Build ratio</b>: the platform's build step ({@code build:started} to {@code
 *       build:succeeded}, which holds the clone, the build and the push, with the activity's
 *       scheduling and the log streaming) over the plain path for the same commit, run here in the
 *       test JVM: {@code git clone --depth 1} (CLI, file://) + {@code DOCKER_BUILDKIT=1 docker
 *       build --network=none} + {@code docker push}, against the same Docker engine and registry.
 * </ol>
 *
 * <p>Fair cache state: every commit writes fresh content into {@code version.txt}, which the image
 * copies, so whichever path builds a commit first misses the cache on that layer and pushes a new
 * blob, and the other finds both. Runs alternate which path goes first, and the ratio is reported
 * for each order as well as overall. One warm-up run (not counted) fills the cache with the
 * unchanging busybox layer and warms the services' JIT.
 */
class DeploymentSpineBenchmark {
    private static final int RUNS = Integer.getInteger("bench.runs", 10);

    /**
     * Size of a file of fresh random bytes each commit adds ({@code -Dbench.payloadMiB=N}); 0 keeps
     * the image tiny. A real app's commit changes more than one line, and with a sub-second build
     * the platform's fixed costs per deployment (Temporal hops, database events) dominate the
     * ratio.
     */
    private static final int PAYLOAD_MIB = Integer.getInteger("bench.payloadMiB", 0);

    private static final Duration PLAIN_STEP_TIMEOUT = Duration.ofMinutes(5);

    /** The IT's image plus a per-commit file, so each commit has one layer to build and push. */
    private static final String DOCKERFILE =
            String.join(
                    "\n",
                    "FROM scratch",
                    "COPY busybox /bin/busybox",
                    "COPY version.txt /version.txt",
                    PAYLOAD_MIB > 0 ? "COPY payload.bin /payload.bin" : "",
                    "EXPOSE 8080",
                    "CMD [\"/bin/busybox\",\"httpd\",\"-f\",\"-p\",\"8080\"]",
                    "");

    /** One commit, deployed through the platform and built the plain way. */
    private record Run(
            int number,
            String sha,
            boolean platformFirst,
            long triggerToQueuedMs,
            long queuedToActiveMs,
            long buildMs,
            long deployMs,
            long rolloutMs,
            long buildQueuedMs,
            long buildActivityMs,
            BuildSteps platformSteps,
            long plainCloneMs,
            long plainBuildMs,
            long plainPushMs) {
        long overheadMs() {
            return queuedToActiveMs - buildMs - rolloutMs;
        }

        long plainMs() {
            return plainCloneMs + plainBuildMs + plainPushMs;
        }

        double ratio() {
            return (double) buildMs / plainMs();
        }
    }

    @Test
    void printsThePlatformOverheadAndTheBuildRatioOverTenSequentialPushes() throws Exception {
        Instant began = Instant.now();
        try (SpineEnvironment spine = SpineEnvironment.start("bench")) {
            try {
                measure(spine, began);
            } catch (Throwable e) {
                spine.printServiceLogs();
                throw e;
            }
        }
    }

    private static void measure(SpineEnvironment spine, Instant began) throws Exception {
        Fixture fixture = spine.fixture("bench", DOCKERFILE);
        Path plainRoot = Directories.recreate(Path.of("target", "bench-plain"));
        System.out.printf(
                "%nDeploymentSpineBenchmark: environment up in %d ms; 1 warm-up run, then %d"
                        + " measured runs%n",
                Duration.between(began, Instant.now()).toMillis(), RUNS);

        Run warmUp = run(spine, fixture, plainRoot, 0, true);
        System.out.print("warm-up (not counted): " + row(warmUp));

        List<Run> runs = new ArrayList<>();
        for (int number = 1; number <= RUNS; number++) {
            Run run = run(spine, fixture, plainRoot, number, number % 2 == 1);
            runs.add(run);
            System.out.print(row(run));
        }

        String report = report(runs, Duration.between(began, Instant.now()));
        System.out.println(report);
        Files.writeString(
                Path.of("target", "deployment-spine-benchmark.txt"),
                report,
                StandardCharsets.UTF_8);
    }

    /** A new commit, then the platform deployment and the plain build in the given order. */
    private static Run run(
            SpineEnvironment spine,
            Fixture fixture,
            Path plainRoot,
            int number,
            boolean platformFirst)
            throws Exception {
        fixture.repository().write("version.txt", "run " + number + " " + UUID.randomUUID() + "\n");
        if (PAYLOAD_MIB > 0) {
            byte[] payload = new byte[PAYLOAD_MIB << 20];
            new java.security.SecureRandom().nextBytes(payload);
            fixture.repository().write("payload.bin", payload, false);
        }
        String sha = fixture.repository().commitAndPush("benchmark run " + number);
        Platform platform;
        Plain plain;
        if (platformFirst) {
            platform = deploy(spine, fixture, sha);
            plain = plainBuild(spine, fixture, plainRoot, number, sha);
        } else {
            plain = plainBuild(spine, fixture, plainRoot, number, sha);
            platform = deploy(spine, fixture, sha);
        }
        return new Run(
                number,
                sha,
                platformFirst,
                platform.triggerToQueuedMs,
                platform.queuedToActiveMs,
                platform.buildMs,
                platform.deployMs,
                platform.rolloutMs,
                platform.buildQueuedMs,
                platform.buildActivityMs,
                platform.steps,
                plain.cloneMs,
                plain.buildMs,
                plain.pushMs);
    }

    private record Platform(
            long triggerToQueuedMs,
            long queuedToActiveMs,
            long buildMs,
            long deployMs,
            long rolloutMs,
            long buildQueuedMs,
            long buildActivityMs,
            BuildSteps steps) {}

    /**
     * The deployer's own step durations, from the build log lines it writes ({@code ==> Cloned in N
     * ms}, {@code ==> Built in N ms}, {@code ==> Pushed … (N ms)}: build and push together).
     */
    private record BuildSteps(long cloneMs, long buildMs, long pushMs) {
        private static final Pattern CLONED = Pattern.compile("==> Cloned in (\\d+) ms");
        private static final Pattern BUILT = Pattern.compile("==> Built in (\\d+) ms.*");
        private static final Pattern PUSHED = Pattern.compile("==> Pushed .* \\((\\d+) ms\\)");

        static BuildSteps of(List<String> lines) {
            long clone = find(lines, CLONED);
            long build = find(lines, BUILT);
            long buildAndPush = find(lines, PUSHED);
            return new BuildSteps(
                    clone, build, build < 0 || buildAndPush < 0 ? -1 : buildAndPush - build);
        }

        private static long find(List<String> lines, Pattern pattern) {
            for (String line : lines) {
                Matcher matcher = pattern.matcher(line);
                if (matcher.matches()) {
                    return Long.parseLong(matcher.group(1));
                }
            }
            return -1;
        }
    }

    /** Triggers the push as the git-server would, waits for {@code active}, reads the events. */
    private static Platform deploy(SpineEnvironment spine, Fixture fixture, String sha)
            throws Exception {
        long triggerMicros = epochMicros(Instant.now());
        PushOutcome outcome = spine.push(fixture, sha);
        if (outcome.deploymentIds().size() != 1) {
            throw new AssertionError("push of " + sha + " started " + outcome.deploymentIds());
        }
        UUID deploymentId = UUID.fromString(outcome.deploymentIds().get(0));
        spine.awaitActive(deploymentId);
        // The database's clock (created_at DEFAULT now()) and this JVM's are the same host's.
        Map<String, Long> at = new HashMap<>();
        for (String event :
                spine.column(
                        "SELECT step || ':' || status || '@'"
                                + " || (extract(epoch FROM created_at) * 1000000)::bigint"
                                + " FROM deployment_events WHERE deployment_id = ? ORDER BY id",
                        deploymentId)) {
            int separator = event.lastIndexOf('@');
            at.putIfAbsent(
                    event.substring(0, separator), Long.parseLong(event.substring(separator + 1)));
        }
        long queued = at(at, "queued:info", deploymentId);
        long[] buildActivity = buildActivity(spine, deploymentId);
        return new Platform(
                millis(queued - triggerMicros),
                millis(at(at, "active:succeeded", deploymentId) - queued),
                millis(
                        at(at, "build:succeeded", deploymentId)
                                - at(at, "build:started", deploymentId)),
                millis(
                        at(at, "deploy:succeeded", deploymentId)
                                - at(at, "deploy:started", deploymentId)),
                millis(
                        at(at, "rollout:succeeded", deploymentId)
                                - at(at, "rollout:started", deploymentId)),
                buildActivity[0],
                buildActivity[1],
                BuildSteps.of(
                        spine.column(
                                "SELECT line FROM build_log_lines WHERE deployment_id = ?"
                                        + " ORDER BY line_no",
                                deploymentId)));
    }

    /**
     * From the deploy workflow's history, the build activity's (BuildImage) time from scheduled to
     * started (waiting in the deployer's task queue) and from started to completed (inside the
     * deployer: clone, registry check, build, push and delivering the build output); -1 when the
     * history does not tell.
     */
    private static long[] buildActivity(SpineEnvironment spine, UUID deploymentId) {
        List<HistoryEvent> events =
                spine.workflows().streamHistory(WorkflowIds.deploy(deploymentId)).toList();
        long scheduledId = -1;
        long scheduled = -1;
        long started = -1;
        long completed = -1;
        for (HistoryEvent event : events) {
            long micros = Timestamps.toMicros(event.getEventTime());
            if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
                    && event.getActivityTaskScheduledEventAttributes()
                            .getActivityType()
                            .getName()
                            .equals("BuildImage")) {
                // The last attempt's schedule counts (there is one unless it was retried).
                scheduledId = event.getEventId();
                scheduled = micros;
            } else if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED
                    && event.getActivityTaskStartedEventAttributes().getScheduledEventId()
                            == scheduledId) {
                started = micros;
            } else if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED
                    && event.getActivityTaskCompletedEventAttributes().getScheduledEventId()
                            == scheduledId) {
                completed = micros;
            }
        }
        if (scheduled < 0 || started < 0 || completed < 0) {
            return new long[] {-1, -1};
        }
        return new long[] {millis(started - scheduled), millis(completed - started)};
    }

    private record Plain(long cloneMs, long buildMs, long pushMs) {}

    /** The same commit the plain way, against the same engine and registry, timed per step. */
    private static Plain plainBuild(
            SpineEnvironment spine, Fixture fixture, Path plainRoot, int number, String sha)
            throws Exception {
        Path checkout = plainRoot.resolve("run-" + number).toAbsolutePath();
        Path log = plainRoot.resolve("run-" + number + ".log").toAbsolutePath();
        String image = spine.registry().host() + "/bench/plain:" + sha;
        long clone =
                timed(
                        List.of(
                                "git",
                                "clone",
                                "--quiet",
                                "--depth",
                                "1",
                                "--branch",
                                BareRepository.BRANCH,
                                fixture.repository().bare().toUri().toString(),
                                checkout.toString()),
                        plainRoot,
                        log);
        // Not timed: the branch head is this commit, as each run waits for the one before.
        String head = gitHead(checkout);
        if (!head.equals(sha)) {
            throw new AssertionError("the plain clone is at " + head + ", not " + sha);
        }
        long build =
                timed(
                        spine.docker()
                                .command(
                                        "build",
                                        "--network=none",
                                        "--progress=plain",
                                        "-t",
                                        image,
                                        "."),
                        checkout,
                        log);
        long push = timed(spine.docker().command("push", image), checkout, log);
        return new Plain(clone, build, push);
    }

    private static String gitHead(Path checkout) throws Exception {
        Path out = Files.createTempFile("bench-head", ".txt");
        try {
            Process process =
                    new ProcessBuilder("git", "rev-parse", "HEAD")
                            .directory(checkout.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(out.toFile())
                            .start();
            process.waitFor(30, TimeUnit.SECONDS);
            return Files.readString(out).trim();
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Runs a command to its end, output appended to {@code log}; its wall time in ms. */
    private static long timed(List<String> command, Path directory, Path log) throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(directory.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("DOCKER_BUILDKIT", "1");
        long start = System.nanoTime();
        Process process = builder.start();
        boolean ended = process.waitFor(PLAIN_STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (!ended) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end; log: " + log);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(
                    String.join(" ", command)
                            + " exited "
                            + process.exitValue()
                            + ":\n"
                            + tail(log));
        }
        return elapsed;
    }

    private static String report(List<Run> runs, Duration wall) {
        List<Run> platformFirst = runs.stream().filter(Run::platformFirst).toList();
        List<Run> plainFirst = runs.stream().filter(run -> !run.platformFirst()).toList();
        StringBuilder out = new StringBuilder();
        out.append("\n================ DeploymentSpineBenchmark summary ================\n");
        out.append(
                String.format(
                        Locale.ROOT,
                        "%d sequential deployments of a FROM scratch busybox image (each a new commit"
                                + " changing version.txt%s), after 1 warm-up; each waited for active"
                                + " before the next.%n",
                        runs.size(),
                        PAYLOAD_MIB > 0
                                ? " and adding " + PAYLOAD_MIB + " MiB of fresh random bytes"
                                : ""));
        out.append(
                "overhead = (active:succeeded - queued:info) - (build:succeeded - build:started)"
                        + " - (rollout:succeeded - rollout:started)\n");
        out.append(
                "  (deployment_events.created_at; what is left: Temporal scheduling, database"
                        + " writes, the Kubernetes apply (deploy step, shown apart below))\n");
        out.append(
                "ratio = platform build step (clone + build + push, build:started ->"
                        + " build:succeeded) / plain path in the test JVM (git clone --depth 1"
                        + " file:// + DOCKER_BUILDKIT=1 docker build --network=none + docker push,"
                        + " same dockerd, same registry)\n");
        out.append(
                "  fairness: each commit has fresh content; runs alternate which path builds it"
                        + " first (the first misses the cache on that layer and pushes its blob)\n\n");
        out.append(
                String.format(
                        Locale.ROOT,
                        "%-4s %-8s %-9s %9s %9s %8s %8s %8s %8s %9s %8s %8s %8s %8s %6s%n",
                        "run",
                        "commit",
                        "first",
                        "trig>que",
                        "que>act",
                        "build",
                        "(in-act)",
                        "deploy",
                        "rollout",
                        "OVERHEAD",
                        "clone",
                        "dbuild",
                        "dpush",
                        "plain",
                        "ratio"));
        for (Run run : runs) {
            out.append(row(run));
        }
        out.append(
                "(all times in ms; in-act: the build activity from started to completed in the"
                        + " deploy workflow's Temporal history, i.e. inside the deployer-worker)\n\n");
        out.append(
                String.format(
                        Locale.ROOT,
                        "platform overhead (queued -> active, minus build and rollout): median %.0f"
                                + " ms, min %.0f ms, max %.0f ms   (target: median < 1000 ms)%n",
                        median(runs, Run::overheadMs),
                        min(runs, Run::overheadMs),
                        max(runs, Run::overheadMs)));
        out.append(
                String.format(
                        Locale.ROOT,
                        "  of which the deploy (apply) step: median %.0f ms; trigger -> queued:"
                                + " median %.0f ms (not in the overhead)%n",
                        median(runs, Run::deployMs),
                        median(runs, Run::triggerToQueuedMs)));
        out.append(
                String.format(
                        Locale.ROOT,
                        "  overhead counted from the trigger (push workflow start) instead:"
                                + " median %.0f ms%n",
                        median(runs, run -> run.overheadMs() + run.triggerToQueuedMs())));
        out.append(
                String.format(
                        Locale.ROOT,
                        "build ratio (platform clone+build+push / plain clone+build+push), each path"
                                + " timed on the runs where it built the commit first (both miss"
                                + " the cache and push the new blob): platform %.0f ms / plain %.0f"
                                + " ms = %.2f   (target: < 1.2)%n",
                        median(platformFirst, Run::buildMs),
                        median(plainFirst, Run::plainMs),
                        median(platformFirst, Run::buildMs) / median(plainFirst, Run::plainMs)));
        out.append(
                String.format(
                        Locale.ROOT,
                        "  per-run ratios, not comparable with the target (whichever path builds"
                                + " second finds the layer and the blob cached): median %.2f, min"
                                + " %.2f, max %.2f; %.2f when the platform built first (%d runs),"
                                + " %.2f when plain built first (%d runs)%n",
                        median(runs, Run::ratio),
                        min(runs, Run::ratio),
                        max(runs, Run::ratio),
                        median(platformFirst, Run::ratio),
                        platformFirst.size(),
                        median(plainFirst, Run::ratio),
                        plainFirst.size()));
        out.append(
                String.format(
                        Locale.ROOT,
                        "  medians: platform build step %.0f ms, plain %.0f ms (clone %.0f, build"
                                + " %.0f, push %.0f)%n",
                        median(runs, Run::buildMs),
                        median(runs, Run::plainMs),
                        median(runs, Run::plainCloneMs),
                        median(runs, Run::plainBuildMs),
                        median(runs, Run::plainPushMs)));
        out.append(
                String.format(
                        Locale.ROOT,
                        "  inside the deployer (its build log), when it built first: clone %.0f ms,"
                                + " docker build %.0f ms, docker push %.0f ms; plain when it built"
                                + " first: clone %.0f, build %.0f, push %.0f%n",
                        median(platformFirst, run -> run.platformSteps().cloneMs()),
                        median(platformFirst, run -> run.platformSteps().buildMs()),
                        median(platformFirst, run -> run.platformSteps().pushMs()),
                        median(plainFirst, Run::plainCloneMs),
                        median(plainFirst, Run::plainBuildMs),
                        median(plainFirst, Run::plainPushMs)));
        out.append(
                String.format(
                        Locale.ROOT,
                        "  platform build step split (Temporal history of BuildImage): median %.0f"
                                + " ms inside the deployer-worker's activity (clone, registry"
                                + " check, docker build, docker push, build output delivery), %.0f"
                                + " ms waiting in its task queue, the rest (%.0f ms) the workflow and"
                                + " the build:started/succeeded database activities%n",
                        median(runs, Run::buildActivityMs),
                        median(runs, Run::buildQueuedMs),
                        median(
                                runs,
                                run ->
                                        run.buildMs()
                                                - run.buildActivityMs()
                                                - run.buildQueuedMs())));
        out.append(
                String.format(
                        Locale.ROOT,
                        "  inside the activity besides its clone, docker build and docker push"
                                + " (registry check, Dockerfile detection, deleting the checkout,"
                                + " output delivery, the activity's own start and end): median %.0f"
                                + " ms%n",
                        median(
                                runs,
                                run ->
                                        run.buildActivityMs()
                                                - run.platformSteps().cloneMs()
                                                - run.platformSteps().buildMs()
                                                - run.platformSteps().pushMs())));
        out.append(
                String.format(
                        Locale.ROOT,
                        "wall time (environment start to summary): %.1f s; %d CPUs%n",
                        wall.toMillis() / 1000.0,
                        Runtime.getRuntime().availableProcessors()));
        out.append("==================================================================\n");
        return out.toString();
    }

    /** One run as a row of the summary table; also printed as each run finishes. */
    private static String row(Run run) {
        return String.format(
                Locale.ROOT,
                "%-4d %-8s %-9s %9d %9d %8d %8d %8d %8d %9d %8d %8d %8d %8d %6.2f%n",
                run.number(),
                run.sha().substring(0, 8),
                run.platformFirst() ? "platform" : "plain",
                run.triggerToQueuedMs(),
                run.queuedToActiveMs(),
                run.buildMs(),
                run.buildActivityMs(),
                run.deployMs(),
                run.rolloutMs(),
                run.overheadMs(),
                run.plainCloneMs(),
                run.plainBuildMs(),
                run.plainPushMs(),
                run.plainMs(),
                run.ratio());
    }

    private static double median(List<Run> runs, ToDoubleFunction<Run> value) {
        if (runs.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = runs.stream().mapToDouble(value).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double min(List<Run> runs, ToDoubleFunction<Run> value) {
        return runs.stream().mapToDouble(value).min().orElse(Double.NaN);
    }

    private static double max(List<Run> runs, ToDoubleFunction<Run> value) {
        return runs.stream().mapToDouble(value).max().orElse(Double.NaN);
    }

    private static long at(Map<String, Long> at, String event, UUID deploymentId) {
        Long micros = at.get(event);
        if (micros == null) {
            throw new AssertionError(
                    "deployment " + deploymentId + " has no " + event + " event: " + at.keySet());
        }
        return micros;
    }

    private static long epochMicros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }

    private static long millis(long micros) {
        return Math.round(micros / 1000.0);
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.length() > 4000 ? "…" + text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }
}
