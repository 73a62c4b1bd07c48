package ink.ml.deploy.deployer.worker.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ink.ml.deploy.deployer.worker.registry.RegistryAccess;
import ink.ml.deploy.registryauth.RegistryRole;
import ink.ml.deploy.registryauth.RegistryScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Asks the registry (Docker Registry HTTP API v2) whether it already has an image, so that a commit
 * already built the same way is not built again, with a pull token of the image's own namespace
 * when the registry needs one. Blob redirects (registries that serve blobs from object storage) are
 * followed by the HTTP client.
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
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final boolean plainHttp;
    private final RegistryAccess access;

    public RegistryClient(HttpClient http, boolean plainHttp, RegistryAccess access) {
        this.http = http;
        this.plainHttp = plainHttp;
        this.access = access;
    }

    /**
     * Whether the registry has the image and it was built by {@code recipe} (the recipe's label in
     * the image config): an image of the same commit built another way is rebuilt, not reused.
     *
     * @throws IllegalStateException when the registry answers anything unexpected, or not at all
     *     (transient: the activity retries)
     */
    public boolean hasImageBuiltBy(PushTarget image, BuildRecipe recipe) {
        Optional<JsonNode> manifest = manifest(image, image.tag());
        if (manifest.isEmpty()) {
            return false;
        }
        JsonNode single = manifest.get();
        if (single.has("manifests")) {
            Optional<String> platformManifest = imageManifestOf(single);
            if (platformManifest.isEmpty()) {
                return false;
            }
            Optional<JsonNode> resolved = manifest(image, platformManifest.get());
            if (resolved.isEmpty()) {
                return false;
            }
            single = resolved.get();
        }
        String configDigest = single.path("config").path("digest").asText("");
        if (configDigest.isEmpty()) {
            return false;
        }
        JsonNode config = get(image, "/blobs/" + configDigest).orElse(null);
        return config != null
                && recipe.fingerprint()
                        .equals(
                                config.path("config")
                                        .path("Labels")
                                        .path(BuildRecipe.LABEL)
                                        .asText());
    }

    /** {@code HEAD} of the tag: whether any image is there, however it was built. */
    public boolean hasImage(PushTarget image) {
        HttpResponse<Void> response =
                send(
                        image,
                        request(image, "/manifests/" + image.tag())
                                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        return present(image, response.statusCode());
    }

    /** The linux/amd64 image of a multi-platform index (attestation entries are skipped). */
    private static Optional<String> imageManifestOf(JsonNode index) {
        for (JsonNode entry : index.path("manifests")) {
            JsonNode platform = entry.path("platform");
            if ("linux".equals(platform.path("os").asText())
                    && "amd64".equals(platform.path("architecture").asText())) {
                return Optional.of(entry.path("digest").asText());
            }
        }
        return Optional.empty();
    }

    private Optional<JsonNode> manifest(PushTarget image, String reference) {
        return get(image, "/manifests/" + reference);
    }

    private Optional<JsonNode> get(PushTarget image, String path) {
        HttpResponse<byte[]> response =
                send(
                        image,
                        request(image, path).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        if (!present(image, response.statusCode())) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(
                    "the registry " + image.registry() + " sent unreadable JSON for " + path, e);
        }
    }

    private HttpRequest.Builder request(PushTarget image, String path) {
        URI uri =
                URI.create(
                        (plainHttp ? "http://" : "https://")
                                + image.registry()
                                + "/v2/"
                                + image.repository()
                                + path);
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri)
                        .timeout(REQUEST_TIMEOUT)
                        .header("Accept", MANIFEST_TYPES);
        access.bearerToken(image.repository(), RegistryRole.PULL, RegistryScope.PULL)
                .ifPresent(token -> request.header("Authorization", "Bearer " + token));
        return request;
    }

    private <T> HttpResponse<T> send(
            PushTarget image, HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "the registry " + image.registry() + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the registry", e);
        }
    }

    private static boolean present(PushTarget image, int status) {
        return switch (status) {
            case 200 -> true;
            case 404 -> false;
            default ->
                    throw new IllegalStateException(
                            "the registry "
                                    + image.registry()
                                    + " answered HTTP "
                                    + status
                                    + " for "
                                    + image.reference());
        };
    }
}
