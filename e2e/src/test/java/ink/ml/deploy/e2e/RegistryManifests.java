package ink.ml.deploy.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Asks the registry (Distribution's HTTP API v2) whether an image is there, as a pull would. */
final class RegistryManifests {
    private static final String ACCEPT =
            String.join(
                    ", ",
                    "application/vnd.oci.image.index.v1+json",
                    "application/vnd.oci.image.manifest.v1+json",
                    "application/vnd.docker.distribution.manifest.v2+json",
                    "application/vnd.docker.distribution.manifest.list.v2+json");

    private RegistryManifests() {}

    /**
     * @param imageRef {@code host:port/repository:tag}
     * @return the HTTP status of {@code HEAD /v2/<repository>/manifests/<tag>}
     */
    static int status(String imageRef) {
        int slash = imageRef.indexOf('/');
        int colon = imageRef.lastIndexOf(':');
        if (slash < 0 || colon < slash) {
            throw new IllegalArgumentException("imageRef: not host/repository:tag: " + imageRef);
        }
        URI manifest =
                URI.create(
                        "http://"
                                + imageRef.substring(0, slash)
                                + "/v2/"
                                + imageRef.substring(slash + 1, colon)
                                + "/manifests/"
                                + imageRef.substring(colon + 1));
        try {
            return HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .build()
                    .send(
                            HttpRequest.newBuilder(manifest)
                                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                    .header("Accept", ACCEPT)
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("the registry did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
