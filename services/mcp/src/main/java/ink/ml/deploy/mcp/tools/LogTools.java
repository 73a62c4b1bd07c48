package ink.ml.deploy.mcp.tools;

import ink.ml.deploy.auth.CurrentCaller;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.observability.logs.LogLine;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.deployments.DeploymentView;
import ink.ml.deploy.platform.deployments.Deployments;
import ink.ml.deploy.platform.deployments.LogLineView;
import ink.ml.deploy.platform.observability.LogRequest;
import ink.ml.deploy.platform.observability.PointInTime;
import ink.ml.deploy.platform.observability.RuntimeLogPage;
import ink.ml.deploy.platform.observability.ServiceLogs;
import ink.ml.deploy.platform.services.Services;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Logs: what a service's running app wrote, and what its builds printed. */
@ToolErrors
public class LogTools {
    static final String RUNTIME = "runtime";
    static final String BUILD = "build";

    /** The most lines one call returns: enough to see an error in context, little of a context. */
    static final int MAX_LIMIT = 500;

    private final CurrentCaller caller;
    private final ServiceLogs logs;
    private final Deployments deployments;
    private final Services services;

    LogTools(CurrentCaller caller, ServiceLogs logs, Deployments deployments, Services services) {
        this.caller = caller;
        this.logs = logs;
        this.deployments = deployments;
        this.services = services;
    }

    @Tool(
            name = "get_logs",
            title = "Get logs",
            description =
                    "Reads a service's logs, newest lines last, each line `timestamp stream text`"
                            + " and cut to 500 characters. kind=runtime (the default): what the"
                            + " running app wrote to stdout/stderr; use it when the app is live"
                            + " but misbehaves, crashed after a green deploy, or answers errors."
                            + " kind=build: the build output of the newest (or a given)"
                            + " deployment; use it when a deployment failed at build. When lines"
                            + " were left out, `next` says exactly which call reads the older"
                            + " ones. For the status and last error, call get_service first.",
            annotations =
                    @Tool.Annotations(
                            title = "Get logs",
                            readOnlyHint = true,
                            destructiveHint = false,
                            idempotentHint = true,
                            openWorldHint = false),
            structuredContent = true)
    LogsOutput getLogs(
            @ToolArg(name = "serviceId", description = "The service's id (list_services).")
                    String serviceId,
            @ToolArg(
                            name = "kind",
                            description = "`runtime` (the running app) or `build`.",
                            defaultValue = RUNTIME)
                    String kind,
            @ToolArg(
                            name = "since",
                            description =
                                    "Runtime only: from when, a duration before now (`15m`,"
                                            + " `2h`, `1d`) or an ISO timestamp; 1 hour before"
                                            + " until when omitted, at most 7 days before it.",
                            required = false)
                    String since,
            @ToolArg(
                            name = "until",
                            description =
                                    "Runtime only: up to when (exclusive), in the same forms;"
                                            + " now when omitted.",
                            required = false)
                    String until,
            @ToolArg(
                            name = "limit",
                            description = "How many of the newest lines, 1 to 500.",
                            defaultValue = "100")
                    Integer limit,
            @ToolArg(
                            name = "search",
                            description =
                                    "Only lines containing this text (plain, case-sensitive),"
                                            + " e.g. `Error`.",
                            required = false)
                    String search,
            @ToolArg(
                            name = "deploymentId",
                            description =
                                    "Build: whose build output (the newest deployment's when"
                                            + " omitted). Runtime: only that deployment's lines"
                                            + " (list_deployments).",
                            required = false)
                    String deploymentId,
            @ToolArg(
                            name = "beforeLine",
                            description =
                                    "Build only: the lines before this line number, to read"
                                            + " further back (as `next` says).",
                            required = false)
                    Integer beforeLine) {
        Caller me = caller.get();
        int count = limit(limit);
        return switch (kind == null ? RUNTIME : kind) {
            case RUNTIME -> {
                if (beforeLine != null) {
                    throw new InvalidValueException(
                            "beforeLine",
                            "applies to kind=build only; runtime lines go back with until");
                }
                yield runtime(me, serviceId, since, until, count, search, deploymentId);
            }
            case BUILD -> {
                if (since != null || until != null) {
                    throw new InvalidValueException(
                            since != null ? "since" : "until",
                            "applies to kind=runtime only; build output goes back with"
                                    + " beforeLine");
                }
                yield build(me, serviceId, count, search, deploymentId, beforeLine);
            }
            default -> throw new InvalidValueException("kind", "must be runtime or build");
        };
    }

    private LogsOutput runtime(
            Caller me,
            String serviceId,
            String since,
            String until,
            int limit,
            String search,
            String deploymentId) {
        Instant now = Instant.now();
        RuntimeLogPage page =
                logs.read(
                        me,
                        serviceId,
                        LogRequest.newest()
                                .withSince(time("since", since, now))
                                .withUntil(time("until", until, now))
                                .withLimit(Optional.of(limit))
                                .withSearch(Optional.ofNullable(search))
                                .withDeploymentId(Optional.ofNullable(deploymentId)));
        List<String> lines = page.lines().stream().map(LogLineText::runtime).toList();
        long cut = page.lines().stream().map(LogLine::text).filter(LogLineText::isCut).count();
        String note =
                lines.isEmpty()
                        ? "No runtime lines"
                                + (search == null ? "" : " containing \"" + search + "\"")
                                + " between "
                                + page.since()
                                + " and "
                                + page.until()
                                + ". Try an earlier since (up to 7 days back), or kind=build if"
                                + " the app never started."
                        : cutNote(cut);
        String next =
                page.hasOlder()
                        ? "Older lines exist: call get_logs with "
                                + arguments(
                                        serviceId,
                                        RUNTIME,
                                        "since=\"" + page.since() + "\"",
                                        "until=\"" + page.lines().get(0).timestamp() + "\"",
                                        limit,
                                        search,
                                        deploymentId)
                        : null;
        return new LogsOutput(
                serviceId,
                RUNTIME,
                deploymentId,
                page.since().toString(),
                page.until().toString(),
                lines,
                note,
                next);
    }

    private LogsOutput build(
            Caller me,
            String serviceId,
            int limit,
            String search,
            String deploymentId,
            Integer beforeLine) {
        Optional<DeploymentView> deployment =
                deploymentId == null
                        ? deployments.latest(me, serviceId)
                        : Optional.of(deployments.ofService(me, serviceId, deploymentId));
        if (deployment.isEmpty()) {
            services.get(me, serviceId);
            return new LogsOutput(
                    serviceId,
                    BUILD,
                    null,
                    null,
                    null,
                    List.of(),
                    "The service has no deployment yet, so nothing was built.",
                    null);
        }
        String id = deployment.get().id();
        // One more than asked for says whether earlier lines exist.
        List<LogLineView> read =
                deployments.lastLogLines(
                        me,
                        id,
                        Optional.ofNullable(beforeLine),
                        Optional.ofNullable(search),
                        limit + 1);
        List<LogLineView> shown =
                new ArrayList<>(read.subList(Math.max(0, read.size() - limit), read.size()));
        long cut = shown.stream().map(LogLineView::line).filter(LogLineText::isCut).count();
        String note =
                shown.isEmpty()
                        ? "No build output"
                                + (search == null ? "" : " containing \"" + search + "\"")
                                + " for deployment "
                                + id
                                + " (status "
                                + deployment.get().status()
                                + ")."
                        : cutNote(cut);
        String next =
                read.size() > limit
                        ? "Earlier build lines exist: call get_logs with "
                                + arguments(
                                        serviceId,
                                        BUILD,
                                        "deploymentId=\"" + id + "\"",
                                        "beforeLine=" + shown.get(0).lineNo(),
                                        limit,
                                        search,
                                        null)
                        : null;
        return new LogsOutput(
                serviceId,
                BUILD,
                id,
                null,
                null,
                shown.stream().map(LogLineText::build).toList(),
                note,
                next);
    }

    private static int limit(Integer limit) {
        int count = limit == null ? 100 : limit;
        if (count < 1 || count > MAX_LIMIT) {
            throw new InvalidValueException(
                    "limit", "must be between 1 and " + MAX_LIMIT + " (got " + count + ")");
        }
        return count;
    }

    private static Optional<Instant> time(String field, String text, Instant now) {
        return Optional.ofNullable(text).map(t -> PointInTime.parse(field, t, now));
    }

    private static String cutNote(long cut) {
        return cut == 0
                ? null
                : cut
                        + " line(s) were longer than "
                        + LogLineText.MAX_CHARS
                        + " characters and are cut where marked.";
    }

    private static String arguments(
            String serviceId,
            String kind,
            String first,
            String second,
            int limit,
            String search,
            String deploymentId) {
        StringBuilder call =
                new StringBuilder()
                        .append("serviceId=\"")
                        .append(serviceId)
                        .append("\", kind=\"")
                        .append(kind)
                        .append("\", ")
                        .append(first)
                        .append(", ")
                        .append(second)
                        .append(", limit=")
                        .append(limit);
        if (search != null) {
            call.append(", search=").append(quoted(search));
        }
        if (deploymentId != null) {
            call.append(", deploymentId=\"").append(deploymentId).append('"');
        }
        return call.append('.').toString();
    }

    /** As a JSON string, so that quotes in a search read back as written. */
    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
