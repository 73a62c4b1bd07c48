package ink.ml.deploy.graphql.api.limits;

import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.OperationDefinition;
import ink.ml.deploy.graphql.api.errors.ErrorCode;
import io.vertx.core.Context;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * At most {@code permits} operations execute at once, each holding its place until its execution
 * has completed, whether or not its client is still there.
 *
 * <p>{@link InFlightLimit} bounds the HTTP requests being answered, but a request whose client
 * hangs up leaves it while its execution goes on (graphql-java does not stop it): under a rate the
 * machine cannot keep up with, clients time out one after another and the executions, each with its
 * half-built result, would pile up until the heap ran out. Here an operation waits (on its worker
 * thread, after validation) until a place is free; a client that leaves while it waits is not
 * executed for, and one that waits longer than {@code maxWait} is answered {@code UNAVAILABLE}. A
 * subscription's execution only returns its stream and takes no place. Installed last in the chain,
 * so that no later instrumentation can abort after the place is taken and never give it back.
 */
final class ExecutionPermits extends SimplePerformantInstrumentation {
    private static final long POLL_MILLIS = 250;

    private final Semaphore places;
    private final int permits;
    private final Duration maxWait;
    private final BooleanSupplier clientGone;

    /**
     * @param clientGone true when the client of the request executing on this thread has closed its
     *     connection
     */
    ExecutionPermits(int permits, Duration maxWait, BooleanSupplier clientGone) {
        this.places = new Semaphore(permits, true);
        this.permits = permits;
        this.maxWait = maxWait;
        this.clientGone = clientGone;
    }

    /** The places free now. */
    int available() {
        return places.availablePermits();
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        if (parameters.getExecutionContext().getOperationDefinition().getOperation()
                == OperationDefinition.Operation.SUBSCRIPTION) {
            // its execution only returns the stream; the events come later, one at a time
            return SimpleInstrumentationContext.noOp();
        }
        takePlace();
        AtomicBoolean released = new AtomicBoolean();
        return SimpleInstrumentationContext.whenCompleted(
                (result, error) -> {
                    if (released.compareAndSet(false, true)) {
                        places.release();
                    }
                });
    }

    private void takePlace() {
        if (Context.isOnEventLoopThread()) {
            // never block an event loop: no free place now means busy (queries run on workers)
            if (!places.tryAcquire()) {
                throw new CodedAbortException(
                        ErrorCode.UNAVAILABLE,
                        "the API is busy (" + permits + " queries executing): try again");
            }
            return;
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        try {
            while (!places.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (clientGone.getAsBoolean()) {
                    throw new CodedAbortException(
                            ErrorCode.UNAVAILABLE, "the client left before its query could run");
                }
                if (System.nanoTime() > deadline) {
                    throw new CodedAbortException(
                            ErrorCode.UNAVAILABLE,
                            "the API is busy ("
                                    + permits
                                    + " queries executing for "
                                    + maxWait.toSeconds()
                                    + " s): try again in a few seconds");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CodedAbortException(
                    ErrorCode.UNAVAILABLE, "interrupted while waiting to run");
        }
    }
}
