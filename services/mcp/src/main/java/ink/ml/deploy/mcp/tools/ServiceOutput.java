package ink.ml.deploy.mcp.tools;

import com.fasterxml.jackson.annotation.JsonInclude;
import ink.ml.deploy.domain.SourceKind;
import ink.ml.deploy.platform.services.ServiceView;
import java.util.List;

/**
 * A service as tools show it: where its code comes from, how it is built and where it answers.
 * Environment variables by name only.
 *
 * @param host {@code ink} (a repository created with create_repo) or {@code github}
 * @param repo the repository: its name for {@code ink}, {@code owner/name} for {@code github}
 * @param repoId the internal repository's id, for {@code ink}
 * @param url where the service answers once a deployment is active
 * @param build how it is built: {@code auto}, {@code dockerfile} or a language
 * @param installCommand its own install command; absent for the detected one
 * @param buildCommand its own build command; absent for the detected one
 * @param startCommand its own start command; absent for the detected one
 * @param vcpu vCPUs as a decimal, e.g. {@code "0.5"}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceOutput(
        String id,
        String projectId,
        String name,
        String host,
        String repo,
        String repoId,
        String branch,
        String rootDirectory,
        String dockerfilePath,
        String build,
        String installCommand,
        String buildCommand,
        String startCommand,
        int port,
        int memoryMi,
        String vcpu,
        String url,
        List<String> envVarNames,
        String createdAt,
        String updatedAt) {

    static ServiceOutput of(ServiceView service) {
        boolean github = SourceKind.GITHUB.value().equals(service.sourceKind());
        return new ServiceOutput(
                service.id(),
                service.projectId(),
                service.name(),
                github ? RepoHost.GITHUB.value() : RepoHost.INK.value(),
                github ? service.githubRepo() : service.internalRepoName(),
                github ? null : service.internalRepoId(),
                service.branch(),
                service.rootDirectory(),
                service.dockerfilePath(),
                service.buildStrategy(),
                service.installCommand(),
                service.buildCommand(),
                service.startCommand(),
                service.port(),
                service.memoryMi(),
                service.vcpu(),
                service.url(),
                service.variableNames(),
                service.createdAt().toString(),
                service.updatedAt().toString());
    }
}
