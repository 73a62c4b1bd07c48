package ink.ml.deploy.graphql.api.metrics;

import ink.ml.deploy.auth.CurrentCaller;
import java.util.Optional;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

@GraphQLApi
public class ServiceMetricsApi {
    private final CurrentCaller caller;
    private final ink.ml.deploy.platform.observability.ServiceMetrics metrics;

    public ServiceMetricsApi(
            CurrentCaller caller, ink.ml.deploy.platform.observability.ServiceMetrics metrics) {
        this.caller = caller;
        this.metrics = metrics;
    }

    @Query("serviceMetrics")
    @Description(
            "The service's memory, CPU, network and restarts over the last range, one point every"
                    + " step, with its plan's limits to compare against.")
    public @NonNull ServiceMetrics serviceMetrics(
            @Name("serviceId") @NonNull @Id String serviceId,
            @Name("range")
                    @Description(
                            "How far back, as 30s, 15m, 1h or 7d (a whole number and one unit); 1h"
                                    + " when absent, at most 30d.")
                    String range,
            @Name("step")
                    @Description(
                            "The distance between points, in the same form; range / 60 when absent."
                                    + " At most 1000 points.")
                    String step) {
        return ServiceMetrics.of(
                metrics.read(
                        caller.get(),
                        serviceId,
                        Optional.ofNullable(range),
                        Optional.ofNullable(step)));
    }
}
