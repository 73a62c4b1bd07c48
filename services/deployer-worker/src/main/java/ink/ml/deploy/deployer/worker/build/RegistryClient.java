package ink.ml.deploy.deployer.worker.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks the registry (Docker Registry HTTP API v2) whether it already has an image, so that a commit
 * already built is not built again.
 */
public final class RegistryClient {
    /** Every manifest kind a builder may have pushed: Docker and OCI, single and multi-platform. */
    static final String MANIFEST_TYPES =
            String.join(
                    ", ",
                    "application/vnd.docker.distribution.manifest.v2+json",
                    "application/vnd.docker.distribution.manifest.list.v2+json",
                    "application/vnd.oci.image.manifest.v1+json",
                    "application/vnd.oci.image.index.v1+json");

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http;
    private final boolean plainHttp;

    public RegistryClient(HttpClient http, boolean plainHttp) {
        this.http = http;
        this.plainHttp = plainHttp;
    }

    /**
     * {@code HEAD /v2/<repository>/manifests/<tag>}: 200 means present, 404 absent.
     *
     * @throws IllegalStateException when the registry answers anything else, or not at all
     *     (transient: the activity retries)
     */
    public boolean hasImage(PushTarget image) {
        URI uri =
                URI.create(
                        (plainHttp ? "http://" : "https://")
                                + image.registry()
                                + "/v2/"
                                + image.repository()
                                + "/manifests/"
                                + image.tag());
        HttpRequest request =
                HttpRequest.newBuilder(uri)
                        .timeout(REQUEST_TIMEOUT)
                        .header("Accept", MANIFEST_TYPES)
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "the registry " + image.registry() + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the registry", e);
        }
        return switch (response.statusCode()) {
            case 200 -> true;
            case 404 -> false;
            default ->
                    throw new IllegalStateException(
                            "the registry "
                                    + image.registry()
                                    + " answered HTTP "
                                    + response.statusCode()
                                    + " for "
                                    + image.reference());
        };
    }
}
