package ink.ml.deploy.graphql.api.deployments;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Follows an append-only sequence of a deployment (events, log lines) as a stream: first what is
 * already recorded, then new items as they are recorded, and completes once the deployment has
 * ended and everything up to that point has been sent. Each poll runs on a worker thread, one at a
 * time, so items go out in order and never twice.
 */
final class Follower {
    /** What one poll found. */
    record Batch<T>(List<T> items, boolean ended) {}

    /** The first poll replays what exists: at once (Mutiny wants a positive delay). */
    private static final Duration FIRST_POLL = Duration.ofMillis(1);

    private Follower() {}

    /**
     * @param poll reads the items after the last one it returned; {@code ended} when the deployment
     *     had reached a final status before the items were read (so none can follow)
     */
    static <T> Multi<T> follow(Supplier<Batch<T>> poll, Duration interval) {
        return Multi.createFrom()
                .emitter(
                        emitter -> {
                            Cancellable ticks =
                                    Multi.createFrom()
                                            .ticks()
                                            .startingAfter(FIRST_POLL)
                                            .every(interval)
                                            .onOverflow()
                                            .drop()
                                            .emitOn(Infrastructure.getDefaultWorkerPool())
                                            .subscribe()
                                            .with(
                                                    tick -> {
                                                        if (emitter.isCancelled()) {
                                                            return;
                                                        }
                                                        try {
                                                            Batch<T> batch = poll.get();
                                                            batch.items().forEach(emitter::emit);
                                                            if (batch.ended()) {
                                                                emitter.complete();
                                                            }
                                                        } catch (RuntimeException e) {
                                                            emitter.fail(e);
                                                        }
                                                    },
                                                    emitter::fail);
                            emitter.onTermination(ticks::cancel);
                        });
    }
}
