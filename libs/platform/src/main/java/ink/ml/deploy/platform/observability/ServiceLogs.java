package ink.ml.deploy.platform.observability;

import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.observability.ObservabilitySources;
import ink.ml.deploy.observability.ObservabilityUnavailableException;
import ink.ml.deploy.observability.logs.LogPage;
import ink.ml.deploy.observability.logs.LogQuery;
import ink.ml.deploy.observability.logs.LogTail;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.deployments.DeploymentView;
import ink.ml.deploy.platform.deployments.Deployments;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What the caller's running apps wrote (stdout and stderr), as GraphQL and MCP ask for it: a page
 * of the newest lines with a cursor to older ones, a live tail, and the last lines of a deployment
 * that crashed or failed. Build output is not here: it is the deployment's own ({@link
 * Deployments#logLines}).
 *
 * <p>Every method takes a {@link Caller} and reads only the caller's own services: anyone else's is
 * "not found", as for every other read. The service's selector (namespace and service) and region
 * come from its own record, never from the request. A log source that cannot answer throws {@link
 * ObservabilityUnavailableException}, which the APIs answer as UNAVAILABLE naming it; nothing else
 * depends on it.
 */
@ApplicationScoped
public class ServiceLogs {
    private static final Logger LOG = Logger.getLogger(ServiceLogs.class);

    /** The window read when the request gives no {@code since}: the last hour before until. */
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);

    /** The lines of a page when the request gives no limit. */
    public static final int DEFAULT_LIMIT = 100;

    private final ObservedServices observed;
    private final ObservabilitySources sources;
    private final Deployments deployments;

    ServiceLogs(ObservedServices observed, ObservabilitySources sources, Deployments deployments) {
        this.observed = observed;
        this.sources = sources;
        this.deployments = deployments;
    }

    /**
     * The newest lines of the caller's service in the request's window, oldest first. When older
     * lines of the window were cut by the limit, the page has a cursor to read them with.
     */
    public RuntimeLogPage read(Caller caller, String serviceId, LogRequest request) {
        ObservedService service = observed.of(caller, serviceId);
        Optional<DeploymentId> deployment =
                request.deploymentId()
                        .map(
                                id ->
                                        ObservedServices.labelOf(
                                                observed.deploymentOf(caller, service, id)));
        Optional<LogCursor> cursor = request.after().map(after -> LogCursor.decode("after", after));
        Instant until = request.until().orElseGet(Instant::now);
        if (cursor.isPresent() && cursor.get().before().isBefore(until)) {
            until = cursor.get().before();
        }
        Instant end = until;
        Instant since =
                request.since()
                        .or(() -> cursor.map(LogCursor::since))
                        .orElseGet(() -> end.minus(DEFAULT_WINDOW));
        if (cursor.isPresent() && !since.isBefore(until)) {
            // The previous page reached the window's start: nothing older is left in it.
            return new RuntimeLogPage(List.of(), Optional.empty(), since, until);
        }
        LogQuery query =
                new LogQuery(
                        since,
                        until,
                        request.search(),
                        request.limit().orElse(DEFAULT_LIMIT),
                        deployment);
        LogPage page = sources.logs(service.region()).read(service.ref(), query);
        Optional<String> older =
                page.truncated() && !page.lines().isEmpty()
                        ? Optional.of(
                                new LogCursor(page.lines().get(0).timestamp(), since).encode())
                        : Optional.empty();
        return new RuntimeLogPage(page.lines(), older, since, until);
    }

    /**
     * Follows the caller's service's new lines until the returned tail is closed; the listener
     * hears them on the source's thread. Checked (and "not found" for anyone else's service) before
     * anything is followed.
     */
    public LogTail tail(
            Caller caller, String serviceId, Optional<String> search, LogTail.Listener listener) {
        ObservedService service = observed.of(caller, serviceId);
        Optional<String> text = SearchText.check(search);
        return sources.logs(service.region()).tail(service.ref(), text, listener);
    }

    /**
     * The last {@code count} lines a deployment of the caller's service wrote since it was created
     * (at most {@link LogQuery#MAX_WINDOW} back), oldest first. Never fails because of the log
     * source: when it cannot answer, the result says so instead.
     */
    public RecentRuntimeLines lastLinesOf(
            Caller caller, String serviceId, String deploymentId, int count) {
        ObservedService service = observed.of(caller, serviceId);
        DeploymentView deployment = observed.deploymentOf(caller, service, deploymentId);
        Instant until = Instant.now();
        Instant earliest = until.minus(LogQuery.MAX_WINDOW);
        Instant since =
                deployment.createdAt().isAfter(earliest) ? deployment.createdAt() : earliest;
        if (!since.isBefore(until)) {
            return RecentRuntimeLines.of(List.of());
        }
        LogQuery query =
                new LogQuery(
                        since,
                        until,
                        Optional.empty(),
                        count,
                        Optional.of(ObservedServices.labelOf(deployment)));
        try {
            return RecentRuntimeLines.of(
                    sources.logs(service.region()).read(service.ref(), query).lines());
        } catch (ObservabilityUnavailableException e) {
            return RecentRuntimeLines.unavailable(e.getMessage());
        } catch (RuntimeException e) {
            // The status must still be shown; the fault is ours and goes to the log in full.
            LOG.errorf(e, "reading the last runtime lines of deployment %s failed", deploymentId);
            return RecentRuntimeLines.unavailable("the log source failed unexpectedly");
        }
    }

    /**
     * The last runtime lines that explain why the caller's service's newest deployment crashed or
     * failed; empty for any other status (or none yet), where the app's output explains nothing
     * that went wrong.
     */
    public Optional<RecentRuntimeLines> explainingFailureOf(
            Caller caller, String serviceId, int count) {
        Optional<DeploymentView> latest = deployments.latest(caller, serviceId);
        if (latest.isEmpty() || !explainsFailure(latest.get())) {
            return Optional.empty();
        }
        return Optional.of(lastLinesOf(caller, serviceId, latest.get().id(), count));
    }

    private static boolean explainsFailure(DeploymentView deployment) {
        DeploymentStatus status = DeploymentStatus.fromValue(deployment.status());
        return status == DeploymentStatus.CRASHED || status == DeploymentStatus.FAILED;
    }
}
