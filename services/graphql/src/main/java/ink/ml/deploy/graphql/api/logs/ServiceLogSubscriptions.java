package ink.ml.deploy.graphql.api.logs;

import ink.ml.deploy.auth.CurrentCaller;
import ink.ml.deploy.observability.logs.LogLine;
import ink.ml.deploy.observability.logs.LogTail;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.observability.ServiceLogs;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.util.Optional;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * Following a service's running app over graphql-ws. The caller is resolved when the subscription
 * starts and the service's ownership checked before anything is followed, so someone else's service
 * is NOT_FOUND and streams nothing. The check reads the database, which may not block the event
 * loop where subscriptions start: the tail is opened on a worker thread. The tail is closed when
 * the client stops, so no follow outlives its subscriber.
 */
@GraphQLApi
public class ServiceLogSubscriptions {
    private final CurrentCaller caller;
    private final ServiceLogs logs;

    public ServiceLogSubscriptions(CurrentCaller caller, ServiceLogs logs) {
        this.caller = caller;
        this.logs = logs;
    }

    @Subscription("serviceLogs")
    @Description(
            "The service's new runtime lines (stdout and stderr, every deployment) as they are"
                    + " written, from the moment of subscribing; read earlier ones with the"
                    + " serviceLogs query. Ends with UNAVAILABLE when the log source fails.")
    public Multi<ServiceLogLine> serviceLogs(
            @Name("serviceId") @NonNull @Id String serviceId,
            @Name("search") @Description("Only lines containing this text (plain, case-sensitive).")
                    String search) {
        Caller who = caller.get();
        return Multi.createFrom()
                .<ServiceLogLine>emitter(emitter -> follow(who, serviceId, search, emitter))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private void follow(
            Caller who,
            String serviceId,
            String search,
            MultiEmitter<? super ServiceLogLine> emitter) {
        LogTail tail;
        try {
            tail =
                    logs.tail(
                            who,
                            serviceId,
                            Optional.ofNullable(search),
                            new LogTail.Listener() {
                                @Override
                                public void onLine(LogLine line) {
                                    emitter.emit(ServiceLogLine.of(line));
                                }

                                @Override
                                public void onError(RuntimeException failure) {
                                    emitter.fail(failure);
                                }
                            });
        } catch (RuntimeException refused) {
            emitter.fail(refused);
            return;
        }
        emitter.onTermination(tail::close);
        // A client that left while the tail was being opened: close it now.
        if (emitter.isCancelled()) {
            tail.close();
        }
    }
}
