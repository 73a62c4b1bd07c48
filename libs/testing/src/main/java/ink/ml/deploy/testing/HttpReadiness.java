package ink.ml.deploy.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Waits for a started program to answer 200 on an HTTP probe (Caddy's admin API, Prometheus's
 * {@code /-/ready}), failing with its log's end as soon as it exits, or when the deadline passes.
 */
final class HttpReadiness {
    private static final HttpClient HTTP =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(1))
                    .build();

    private HttpReadiness() {}

    /**
     * @param name the program, as the failure names it, e.g. {@code prometheus}
     * @param log its output, whose end a failure quotes
     * @param stop stops what was started; run before any failure is thrown
     */
    static void await(
            String name, Process process, URI probe, Duration timeout, Path log, Runnable stop) {
        await(HTTP, name, process, probe, timeout, log, stop);
    }

    /**
     * {@link #await(String, Process, URI, Duration, Path, Runnable)} through {@code http}: for an
     * HTTPS probe, a client that trusts the program's certificate.
     */
    static void await(
            HttpClient http,
            String name,
            Process process,
            URI probe,
            Duration timeout,
            Path log,
            Runnable stop) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String tail = RegistryProcess.read(log);
                stop.run();
                throw new IllegalStateException(
                        name + " exited at start (" + process.exitValue() + "): " + tail);
            }
            try {
                HttpResponse<Void> response =
                        http.send(
                                HttpRequest.newBuilder(probe)
                                        .timeout(Duration.ofSeconds(1))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop.run();
                throw new IllegalStateException("interrupted while starting " + name, e);
            }
            RegistryProcess.pause();
        }
        String tail = RegistryProcess.read(log);
        stop.run();
        throw new IllegalStateException(
                name + " did not answer " + probe + " within " + timeout + ": " + tail);
    }
}
