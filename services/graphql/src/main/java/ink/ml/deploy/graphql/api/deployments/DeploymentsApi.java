package ink.ml.deploy.graphql.api.deployments;

import ink.ml.deploy.auth.CurrentCaller;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.graphql.api.pagination.Pages;
import ink.ml.deploy.graphql.api.pagination.SequencePages;
import ink.ml.deploy.graphql.api.services.Service;
import ink.ml.deploy.platform.common.Ids;
import ink.ml.deploy.platform.deployments.DeploymentEventView;
import ink.ml.deploy.platform.deployments.DeploymentView;
import ink.ml.deploy.platform.deployments.Deployments;
import ink.ml.deploy.platform.pagination.Page;
import ink.ml.deploy.platform.pagination.PageRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

@GraphQLApi
public class DeploymentsApi {
    private final CurrentCaller caller;
    private final Deployments deployments;

    public DeploymentsApi(CurrentCaller caller, Deployments deployments) {
        this.caller = caller;
        this.deployments = deployments;
    }

    @Query("deployments")
    @Description("A service's deployments, newest first.")
    public @NonNull DeploymentConnection deployments(
            @Name("serviceId") @NonNull @Id String serviceId,
            @Name("first") @Description("Page size, 1 to 100 (default 20).") Integer first,
            @Name("after") @Description("The endCursor of the previous page.") String after) {
        return new DeploymentConnection(
                deployments.list(caller.get(), serviceId, Pages.request(first, after)),
                Ids.parse("serviceId", serviceId));
    }

    /**
     * Batched: one page of deployments for every service in the response, in one query however many
     * services there are.
     */
    @Name("deployments")
    @Description("The service's deployments, newest first.")
    public List<@NonNull DeploymentConnection> serviceDeployments(
            @Source List<Service> services,
            @Name("first") @Description("Page size, 1 to 100 (default 20).") Integer first,
            @Name("after") @Description("The endCursor of the previous page.") String after) {
        PageRequest request = Pages.request(first, after);
        List<UUID> ids = services.stream().map(s -> UUID.fromString(s.id())).toList();
        Map<UUID, Page<DeploymentView>> pages =
                deployments.listByServices(caller.get(), ids, request);
        return ids.stream()
                .map(id -> new DeploymentConnection(pages.getOrDefault(id, Page.empty()), id))
                .toList();
    }

    @Query("deployment")
    public @NonNull Deployment deployment(@Name("id") @NonNull @Id String id) {
        return Deployment.of(deployments.get(caller.get(), id));
    }

    /**
     * Batched: one query for the latest deployment of every service in the response, however many
     * services a page of projects holds.
     */
    @Description("The service's newest deployment, whatever its status; null before the first.")
    public List<Deployment> latestDeployment(@Source List<Service> services) {
        List<UUID> ids = services.stream().map(s -> UUID.fromString(s.id())).toList();
        Map<UUID, DeploymentView> latest = deployments.latestByService(caller.get(), ids);
        return ids.stream()
                .map(id -> latest.containsKey(id) ? Deployment.of(latest.get(id)) : null)
                .toList();
    }

    /**
     * Batched: the events of every deployment in the response (e.g. each service's latest) in one
     * query, however many deployments there are.
     */
    @Description("The deployment's steps in the order recorded.")
    public List<@NonNull DeploymentEventConnection> events(
            @Source List<Deployment> sources,
            @Name("first") @Description("Page size, 1 to 500 (default 100).") Integer first,
            @Name("after") @Description("The endCursor of the previous page.") String after) {
        int size = SequencePages.first(first);
        List<UUID> ids = sources.stream().map(d -> UUID.fromString(d.id())).toList();
        Map<UUID, List<DeploymentEventView>> events =
                deployments.eventsByDeployment(
                        caller.get(), ids, SequencePages.after(after), size + 1);
        return ids.stream()
                .map(id -> DeploymentEventConnection.of(events.getOrDefault(id, List.of()), size))
                .toList();
    }

    @Query("buildLogs")
    @Description("A deployment's build output, first line first.")
    public @NonNull BuildLogConnection buildLogs(
            @Name("deploymentId") @NonNull @Id String deploymentId,
            @Name("first") @Description("Page size, 1 to 500 (default 100).") Integer first,
            @Name("after") @Description("The endCursor of the previous page.") String after) {
        int size = SequencePages.first(first);
        long afterLine = SequencePages.after(after);
        if (afterLine > Integer.MAX_VALUE) {
            throw new InvalidValueException("after", "is not a cursor returned by this API");
        }
        return BuildLogConnection.of(
                deployments.logLines(caller.get(), deploymentId, (int) afterLine, size + 1), size);
    }

    /** Batched: the totals of every service's deployments in the response in one query. */
    @Name("totalCount")
    @Description("How many there are in all pages together.")
    public List<@NonNull Integer> deploymentsTotal(@Source List<DeploymentConnection> connections) {
        List<UUID> ids = connections.stream().map(DeploymentConnection::serviceId).toList();
        Map<UUID, Long> counts = deployments.countByServices(caller.get(), ids);
        return ids.stream().map(id -> Math.toIntExact(counts.getOrDefault(id, 0L))).toList();
    }
}
