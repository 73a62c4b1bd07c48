package ink.ml.deploy.graphql.api.deployments;

import ink.ml.deploy.auth.CurrentCaller;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.graphql.api.deployments.Follower.Batch;
import ink.ml.deploy.graphql.api.pagination.SequencePages;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.deployments.DeploymentEventView;
import ink.ml.deploy.platform.deployments.Deployments;
import ink.ml.deploy.platform.deployments.LogLineView;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * Following a deployment over graphql-ws: what is recorded is replayed, then new items stream until
 * the deployment ends. The caller is resolved and the deployment's ownership checked when the
 * subscription's first poll, so someone else's deployment is NOT_FOUND before anything streams.
 * Subscriptions start on the event loop, where no database call may block: every poll, the first
 * included, runs on a worker thread.
 */
@GraphQLApi
public class DeploymentSubscriptions {
    /** Rows read per query while catching up. */
    private static final int READ_SIZE = SequencePages.MAX_SIZE;

    private final CurrentCaller caller;
    private final Deployments deployments;
    private final FollowConfig config;

    public DeploymentSubscriptions(
            CurrentCaller caller, Deployments deployments, FollowConfig config) {
        this.caller = caller;
        this.deployments = deployments;
        this.config = config;
    }

    @Subscription("deploymentEvents")
    @Description(
            "The deployment's events: those recorded after the cursor (all when absent), then new"
                    + " ones as they happen; completes when the deployment has ended.")
    public Multi<DeploymentEvent> deploymentEvents(
            @Name("deploymentId") @NonNull @Id String deploymentId,
            @Name("after") @Description("An event's cursor: resume after it.") String after) {
        Caller who = caller.get();
        long start = SequencePages.after(after);
        return Follower.follow(
                        drainer(
                                who,
                                deploymentId,
                                start,
                                position ->
                                        deployments.events(who, deploymentId, position, READ_SIZE),
                                DeploymentEventView::id),
                        config.pollInterval())
                .map(DeploymentEvent::of);
    }

    @Subscription("buildLogs")
    @Description(
            "The deployment's build output: lines after the cursor (all when absent), then new ones"
                    + " as they are written; completes when the deployment has ended.")
    public Multi<BuildLogLine> buildLogs(
            @Name("deploymentId") @NonNull @Id String deploymentId,
            @Name("after") @Description("A line's cursor (its lineNo): resume after it.")
                    String after) {
        Caller who = caller.get();
        long start = SequencePages.after(after);
        if (start > Integer.MAX_VALUE) {
            throw new InvalidValueException("after", "is not a cursor returned by this API");
        }
        return Follower.follow(
                        drainer(
                                who,
                                deploymentId,
                                start,
                                position ->
                                        deployments.logLines(
                                                who, deploymentId, (int) position, READ_SIZE),
                                LogLineView::lineNo),
                        config.pollInterval())
                .map(BuildLogLine::of);
    }

    /**
     * A poller that reads everything recorded after its position. The status is read before the
     * rows: when it is final, every row was written before that read, so the rows read next are the
     * last ones.
     */
    private <T> Supplier<Batch<T>> drainer(
            Caller who,
            String deploymentId,
            long start,
            LongFunction<List<T>> after,
            ToLongFunction<T> positionOf) {
        AtomicLong position = new AtomicLong(start);
        return () -> {
            // Also the ownership check: another user's deployment is NOT_FOUND on the first poll.
            // Once it is no longer in flight, nothing more is recorded for a follower to wait for.
            boolean ended =
                    !ink.ml.deploy.domain.DeploymentStatus.fromValue(
                                    deployments.get(who, deploymentId).status())
                            .isInFlight();
            List<T> items = new ArrayList<>();
            List<T> page;
            do {
                page = after.apply(position.get());
                if (!page.isEmpty()) {
                    position.set(positionOf.applyAsLong(page.get(page.size() - 1)));
                    items.addAll(page);
                }
            } while (page.size() == READ_SIZE);
            return new Batch<>(items, ended);
        };
    }
}
