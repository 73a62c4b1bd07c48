package ink.ml.deploy.graphql.api.deployments;

import ink.ml.deploy.auth.CurrentCaller;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.graphql.api.pagination.Pages;
import ink.ml.deploy.graphql.api.pagination.SequencePages;
import ink.ml.deploy.graphql.api.services.Service;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.deployments.DeploymentEventView;
import ink.ml.deploy.platform.deployments.DeploymentView;
import ink.ml.deploy.platform.deployments.Deployments;
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
        Caller who = caller.get();
        return new DeploymentConnection(
                deployments.list(who, serviceId, Pages.request(first, after)),
                () -> deployments.count(who, serviceId));
    }

    @Name("deployments")
    @Description("The service's deployments, newest first.")
    public @NonNull DeploymentConnection serviceDeployments(
            @Source Service service,
            @Name("first") @Description("Page size, 1 to 100 (default 20).") Integer first,
            @Name("after") @Description("The endCursor of the previous page.") String after) {
        return deployments(service.id(), first, after);
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

    @Name("totalCount")
    @Description("How many there are in all pages together.")
    public int deploymentsTotal(@Source DeploymentConnection connection) {
        return Math.toIntExact(connection.countAll());
    }
}
