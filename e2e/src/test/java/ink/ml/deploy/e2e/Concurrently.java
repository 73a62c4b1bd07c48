package ink.ml.deploy.e2e;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs a test's independent parts at the same time and reports every part that failed. */
final class Concurrently {
    private Concurrently() {}

    /**
     * Each part's result by its name, once all have ended.
     *
     * @throws AssertionError naming every part that failed, each failure attached as suppressed
     */
    static <T> Map<String, T> eachOf(Map<String, Callable<T>> parts) throws InterruptedException {
        ExecutorService threads = Executors.newFixedThreadPool(parts.size());
        try {
            Map<String, Future<T>> running = new LinkedHashMap<>();
            parts.forEach((name, part) -> running.put(name, threads.submit(part)));
            Map<String, T> results = new LinkedHashMap<>();
            Map<String, Throwable> failed = new LinkedHashMap<>();
            for (Map.Entry<String, Future<T>> part : running.entrySet()) {
                try {
                    results.put(part.getKey(), part.getValue().get());
                } catch (ExecutionException e) {
                    failed.put(part.getKey(), e.getCause());
                }
            }
            if (!failed.isEmpty()) {
                AssertionError failure =
                        new AssertionError("failed: " + String.join(", ", failed.keySet()));
                failed.forEach(
                        (name, cause) ->
                                failure.addSuppressed(new AssertionError(name + " failed", cause)));
                throw failure;
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
