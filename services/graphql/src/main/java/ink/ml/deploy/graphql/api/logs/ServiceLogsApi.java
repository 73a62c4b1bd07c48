package ink.ml.deploy.graphql.api.logs;

import ink.ml.deploy.auth.CurrentCaller;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.observability.logs.LogQuery;
import ink.ml.deploy.platform.observability.LogRequest;
import ink.ml.deploy.platform.observability.ServiceLogs;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

@GraphQLApi
public class ServiceLogsApi {
    private final CurrentCaller caller;
    private final ServiceLogs logs;

    public ServiceLogsApi(CurrentCaller caller, ServiceLogs logs) {
        this.caller = caller;
        this.logs = logs;
    }

    @Query("serviceLogs")
    @Description(
            "What the service's running app wrote (stdout and stderr): the newest lines of the"
                    + " window [since, until), oldest first and the newest last. hasNextPage means"
                    + " older lines exist in the window; pass pageInfo.endCursor as after to read"
                    + " them (the window stays the first page's). Build output is buildLogs.")
    public @NonNull ServiceLogConnection serviceLogs(
            @Name("serviceId") @NonNull @Id String serviceId,
            @Name("since")
                    @Description(
                            "The window's start (inclusive); an hour before until when absent. At"
                                    + " most 7 days before until.")
                    Instant since,
            @Name("until") @Description("The window's end (exclusive); now when absent.")
                    Instant until,
            @Name("search")
                    @Description(
                            "Only lines containing this text (plain, case-sensitive, one line, at"
                                    + " most 256 characters).")
                    String search,
            @Name("deploymentId")
                    @Description("Only the lines of this deployment of the service.")
                    @Id
                    String deploymentId,
            @Name("first") @Description("How many of the newest lines, 1 to 1000 (default 100).")
                    Integer first,
            @Name("after")
                    @Description("A cursor of an earlier page: the lines older than its line.")
                    String after) {
        return ServiceLogConnection.of(
                logs.read(
                        caller.get(),
                        serviceId,
                        LogRequest.newest()
                                .withSince(Optional.ofNullable(since))
                                .withUntil(Optional.ofNullable(until))
                                .withSearch(Optional.ofNullable(search))
                                .withDeploymentId(Optional.ofNullable(deploymentId))
                                .withLimit(Optional.of(pageSize(first)))
                                .withAfter(Optional.ofNullable(after))));
    }

    /** The platform caps the page as {@code limit}; this API calls it {@code first}. */
    private static int pageSize(Integer first) {
        int size = first == null ? ServiceLogs.DEFAULT_LIMIT : first;
        if (size < 1 || size > LogQuery.MAX_LIMIT) {
            throw new InvalidValueException(
                    "first", "must be between 1 and " + LogQuery.MAX_LIMIT + " (got " + size + ")");
        }
        return size;
    }
}
