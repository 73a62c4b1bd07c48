package ink.ml.deploy.mcp.tools;

import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.deployments.DeploymentView;
import ink.ml.deploy.platform.deployments.Deployments;
import ink.ml.deploy.platform.deployments.LogLineView;
import ink.ml.deploy.platform.deployments.RecentDeployments;
import ink.ml.deploy.platform.domains.CustomDomains;
import ink.ml.deploy.platform.observability.RecentRuntimeLines;
import ink.ml.deploy.platform.observability.ServiceLogs;
import ink.ml.deploy.platform.pagination.PageRequest;
import ink.ml.deploy.platform.services.ServiceView;
import ink.ml.deploy.platform.services.Services;
import ink.ml.deploy.platform.variables.Variables;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What get_service shows: a service, its newest and live deployments, the newest failure, the tail
 * of the newest deployment's steps and build output and, when it crashed or failed, the last lines
 * its app wrote. Reads only, through libs/platform; a log source that is down only takes away those
 * lines, never the status.
 */
@ApplicationScoped
class ServiceStatusReader {
    static final String NOT_DEPLOYED = "not_deployed";

    /** How many recent deployments are searched for the live one and the last error. */
    private static final int RECENT = 20;

    /** How many runtime lines explain a crash or failure: the error and what led to it. */
    static final int RUNTIME_LINES = 20;

    private final Services services;
    private final Deployments deployments;
    private final Variables variables;
    private final ServiceLogs logs;
    private final CustomDomains domains;

    ServiceStatusReader(
            Services services,
            Deployments deployments,
            Variables variables,
            ServiceLogs logs,
            CustomDomains domains) {
        this.domains = domains;
        this.services = services;
        this.deployments = deployments;
        this.variables = variables;
        this.logs = logs;
    }

    ServiceStatusOutput read(
            Caller caller, String serviceId, boolean includeEnv, int events, int logLines) {
        ServiceView service = services.get(caller, serviceId);
        requireTail("events", events);
        requireTail("logLines", logLines);
        RecentDeployments recent =
                new RecentDeployments(
                        deployments.list(caller, serviceId, PageRequest.of(RECENT, null)).items());
        Optional<DeploymentView> latest = recent.latest();
        ServiceOutput output = ServiceOutput.of(service);
        Map<String, String> env = includeEnv ? variables.reveal(caller, serviceId) : null;
        Optional<RecentRuntimeLines> runtime =
                logs.explainingFailureOf(caller, serviceId, RUNTIME_LINES);
        return new ServiceStatusOutput(
                output,
                latest.map(DeploymentView::status).orElse(NOT_DEPLOYED),
                output.url(),
                recent.live().map(DeploymentOutput::of).orElse(null),
                latest.map(DeploymentOutput::of).orElse(null),
                recent.lastError().map(ServiceStatusReader::lastError).orElse(null),
                latest.map(d -> recentEvents(caller, d, events)).orElse(List.of()),
                latest.map(d -> buildLogTail(caller, d, logLines)).orElse(List.of()),
                runtime.filter(r -> r.unavailable().isEmpty())
                        .map(r -> r.lines().stream().map(LogLineText::runtime).toList())
                        .orElse(null),
                runtime.flatMap(RecentRuntimeLines::unavailable).orElse(null),
                domains
                        .listByServices(caller, List.of(UUID.fromString(service.id())))
                        .getOrDefault(UUID.fromString(service.id()), List.of())
                        .stream()
                        .map(CustomDomainOutput::of)
                        .toList(),
                env);
    }

    private static void requireTail(String field, int count) {
        if (count < 0 || count > Deployments.MAX_READ_LIMIT) {
            throw new InvalidValueException(
                    field,
                    "must be between 0 and " + Deployments.MAX_READ_LIMIT + " (got " + count + ")");
        }
    }

    private static ServiceStatusOutput.LastError lastError(DeploymentView failed) {
        return new ServiceStatusOutput.LastError(
                failed.id(),
                failed.errorStep(),
                failed.errorMessage(),
                (failed.finishedAt() != null ? failed.finishedAt() : failed.updatedAt())
                        .toString());
    }

    /** The last {@code count} events, oldest first. */
    private List<ServiceStatusOutput.EventOutput> recentEvents(
            Caller caller, DeploymentView deployment, int count) {
        if (count <= 0) {
            return List.of();
        }
        return deployments.lastEvents(caller, deployment.id(), count).stream()
                .map(
                        e ->
                                new ServiceStatusOutput.EventOutput(
                                        e.step(),
                                        e.status(),
                                        e.message(),
                                        e.createdAt().toString()))
                .toList();
    }

    /** The last {@code count} build output lines, oldest first. */
    private List<String> buildLogTail(Caller caller, DeploymentView deployment, int count) {
        if (count <= 0) {
            return List.of();
        }
        return deployments
                .lastLogLines(caller, deployment.id(), Optional.empty(), Optional.empty(), count)
                .stream()
                .map(LogLineView::line)
                .toList();
    }
}
