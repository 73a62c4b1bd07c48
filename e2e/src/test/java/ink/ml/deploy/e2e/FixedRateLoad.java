package ink.ml.deploy.e2e;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;

/**
 * An open-model load: requests leave at a fixed rate whatever the answers do, each timed from the
 * moment it was due to leave (not from when it actually left), so a server that stalls the client
 * is charged for every request it delayed: no coordinated omission. Latencies go into an
 * HdrHistogram in microseconds.
 *
 * <p>When more than {@link #MAX_IN_FLIGHT} requests wait for an answer the server is far past
 * saturation: further requests are not sent but counted as {@code notSent}, so an overloaded step
 * ends instead of opening thousands of connections.
 */
final class FixedRateLoad {
    static final int MAX_IN_FLIGHT = 1000;
    private static final Duration DRAIN = Duration.ofSeconds(60);
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(5);

    private FixedRateLoad() {}

    /**
     * What one fixed-rate step measured.
     *
     * @param latency microseconds from each answered request's due time to its answer
     * @param failed requests answered with an error or not as expected
     * @param notSent requests skipped because too many were waiting
     * @param unanswered requests still waiting when the drain time ran out
     */
    record Step(
            double rate,
            Duration duration,
            int sent,
            int ok,
            int failed,
            int notSent,
            int unanswered,
            Histogram latency,
            String firstFailure) {

        double p50Millis() {
            return latency.getTotalCount() == 0
                    ? Double.NaN
                    : latency.getValueAtPercentile(50) / 1000.0;
        }

        double p99Millis() {
            return latency.getTotalCount() == 0
                    ? Double.NaN
                    : latency.getValueAtPercentile(99) / 1000.0;
        }

        double maxMillis() {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getMaxValue() / 1000.0;
        }

        /** Every request sent and answered as expected. */
        boolean clean() {
            return failed == 0 && notSent == 0 && unanswered == 0 && ok > 0;
        }
    }

    /**
     * Sends {@code rate × duration} requests, request {@code i} due at {@code start + i / rate}.
     *
     * @param request starts request {@code i} and completes with true when it was answered as
     *     expected, false (or exceptionally) when not
     */
    static Step run(
            double rate, Duration duration, LongFunction<CompletableFuture<Boolean>> request)
            throws InterruptedException {
        long total = Math.max(1, Math.round(rate * duration.toNanos() / 1e9));
        double interval = 1e9 / rate;
        Histogram latency = new Histogram(HIGHEST_MICROS, 3);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        int sent = 0;
        int notSent = 0;
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + Math.round(i * interval);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (inFlight.get() >= MAX_IN_FLIGHT) {
                notSent++;
                continue;
            }
            sent++;
            inFlight.incrementAndGet();
            CompletableFuture<Boolean> answer;
            try {
                answer = request.apply(i);
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            answer.whenComplete(
                    (expected, error) -> {
                        long micros = (System.nanoTime() - due) / 1000;
                        if (error == null && Boolean.TRUE.equals(expected)) {
                            synchronized (latency) {
                                latency.recordValue(Math.min(micros, HIGHEST_MICROS));
                            }
                            ok.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            firstFailure.compareAndSet(
                                    null, error == null ? "unexpected answer" : error.toString());
                        }
                        inFlight.decrementAndGet();
                    });
        }
        long drainUntil = System.nanoTime() + DRAIN.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < drainUntil) {
            Thread.sleep(10);
        }
        synchronized (latency) {
            return new Step(
                    rate,
                    duration,
                    sent,
                    ok.get(),
                    failed.get(),
                    notSent,
                    inFlight.get(),
                    latency.copy(),
                    firstFailure.get());
        }
    }
}
