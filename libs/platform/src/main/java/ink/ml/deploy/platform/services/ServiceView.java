package ink.ml.deploy.platform.services;

import ink.ml.deploy.domain.Cluster;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.domain.Vcpu;
import ink.ml.deploy.platform.projects.Project;
import ink.ml.deploy.platform.repos.InternalRepo;
import java.time.Instant;
import java.util.List;

/**
 * What the APIs show of a service. Variables appear by name only, never with their values. The
 * parts of the source that do not apply are {@code null}: {@code githubRepo} for an internal
 * repository, {@code internalRepoId}/{@code internalRepoName} for GitHub.
 *
 * @param sourceKind {@code github} or {@code internal}
 * @param githubRepo {@code owner/name} on GitHub
 * @param internalRepoId the internal repository's id (same project)
 * @param internalRepoName the internal repository's name
 * @param rootDirectory the build context in the repository; empty for the repository root
 * @param dockerfilePath the Dockerfile, relative to the root directory
 * @param buildStrategy how it is built, e.g. {@code auto} or {@code dockerfile} (the APIs' {@code
 *     build})
 * @param installCommand the user's install command for a generated build; null for the detected one
 * @param buildCommand the user's build command; null for the detected one
 * @param startCommand the user's start command; null for the detected one
 * @param milliCpu the CPU limit in millicores, e.g. 500
 * @param vcpu the same in vCPUs as a decimal, e.g. {@code "0.5"}
 * @param hostname where the service answers on the platform, e.g. {@code web-shop-u1.ml.ink}
 * @param url the URL it answers at through the cluster's edge, e.g. {@code
 *     https://web-shop-u1.ml.ink} ({@link Cluster#publicUrl})
 * @param cnameTarget what a custom domain's CNAME must point to
 * @param variableNames the names of its environment variables, sorted
 */
public record ServiceView(
        String id,
        String projectId,
        String name,
        String sourceKind,
        String githubRepo,
        String internalRepoId,
        String internalRepoName,
        String branch,
        String rootDirectory,
        String dockerfilePath,
        String buildStrategy,
        String installCommand,
        String buildCommand,
        String startCommand,
        int port,
        int memoryMi,
        int milliCpu,
        String vcpu,
        String hostname,
        String url,
        String cnameTarget,
        List<String> variableNames,
        Instant createdAt,
        Instant updatedAt) {

    public ServiceView {
        variableNames = List.copyOf(variableNames);
    }

    static ServiceView of(
            Service service,
            Project project,
            Cluster cluster,
            InternalRepo internalRepo,
            List<String> names) {
        ServiceRef ref = ServiceRef.of(project.userId, project.name, service.name);
        return new ServiceView(
                service.id.toString(),
                service.projectId.toString(),
                service.name,
                service.sourceKind,
                service.githubRepo,
                internalRepo == null ? null : internalRepo.id.toString(),
                internalRepo == null ? null : internalRepo.name,
                service.branch,
                service.rootDirectory,
                service.dockerfilePath,
                service.buildStrategy,
                service.installCommand,
                service.buildCommand,
                service.startCommand,
                service.port,
                service.memoryMi,
                service.milliCpu,
                Vcpu.ofMilli(service.milliCpu).toString(),
                cluster.platformHostname(ref),
                cluster.publicUrl(ref),
                cluster.cnameTarget(ref),
                names,
                service.createdAt,
                service.updatedAt);
    }
}
