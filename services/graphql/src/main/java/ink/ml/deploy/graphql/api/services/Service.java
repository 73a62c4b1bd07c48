package ink.ml.deploy.graphql.api.services;

import ink.ml.deploy.platform.services.ServiceView;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

@Description("An app built from a repository's branch and run in its project's namespace.")
public record Service(
        @NonNull @Id String id,
        @NonNull @Id String projectId,
        @NonNull String name,
        @NonNull SourceKind sourceKind,
        @Description("owner/name on GitHub; null for an internal repository.") String githubRepo,
        @Id @Description("The internal repository's id; null for GitHub.") String internalRepoId,
        @Description("The internal repository's name; null for GitHub.") String internalRepoName,
        @NonNull @Description("The branch whose pushes deploy it.") String branch,
        @NonNull @Description("The build context in the repository; empty for its root.")
                String rootDirectory,
        @NonNull @Description("The Dockerfile, relative to the root directory.")
                String dockerfilePath,
        @NonNull @Description(BuildDescriptions.BUILD) String build,
        @NonNull @Deprecated @Description("The old name of build.") String buildStrategy,
        @Description("Its own install command; null for the detected one.") String installCommand,
        @Description("Its own build command; null for the detected one.") String buildCommand,
        @Description("Its own start command; null for the detected one.") String startCommand,
        @NonNull @Description("The port the app listens on.") int port,
        @NonNull @Description("Memory limit in MiB.") int memoryMi,
        @NonNull @Description("CPU limit in vCPUs, e.g. \"0.5\".") String vcpu,
        @NonNull @Description("Where it answers on the platform, e.g. web-u1.ml.ink.")
                String hostname,
        @NonNull
                @Description(
                        "The URL it answers at through the cluster's edge once a deployment"
                                + " is active, e.g. https://web-shop-u1.ml.ink, or"
                                + " http://web-shop-u1.localhost:8080 on one machine.")
                String url,
        @NonNull @Description("What a custom domain's CNAME must point to.") String cnameTarget,
        @NonNull @Description("Names of its environment variables; values are write-only.")
                List<@NonNull String> variableNames,
        @NonNull Instant createdAt,
        @NonNull Instant updatedAt) {
    public static Service of(ServiceView view) {
        return new Service(
                view.id(),
                view.projectId(),
                view.name(),
                SourceKind.fromValue(view.sourceKind()),
                view.githubRepo(),
                view.internalRepoId(),
                view.internalRepoName(),
                view.branch(),
                view.rootDirectory(),
                view.dockerfilePath(),
                view.buildStrategy(),
                view.buildStrategy(),
                view.installCommand(),
                view.buildCommand(),
                view.startCommand(),
                view.port(),
                view.memoryMi(),
                view.vcpu(),
                view.hostname(),
                view.url(),
                view.cnameTarget(),
                view.variableNames(),
                view.createdAt(),
                view.updatedAt());
    }
}
