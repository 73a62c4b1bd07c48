package ink.ml.deploy.deployer.worker.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.deployer.worker.registry.RegistryAccess;
import ink.ml.deploy.testing.RegistryProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against Debian's docker-registry; the image is uploaded through the registry's own API. */
class RegistryClientTest {
    private static RegistryProcess registry;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void startRegistry() {
        registry = RegistryProcess.startOrSkip();
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void imageNotPushedIsAbsent() {
        RegistryClient client = new RegistryClient(HTTP, true, RegistryAccess.anonymous());

        assertThat(client.hasImage(target("dp-u1-shop/web", "missing"))).isFalse();
    }

    @Test
    void pushedImageIsPresent() throws Exception {
        pushImage("dp-u1-shop/api", "v1", "{}");
        RegistryClient client = new RegistryClient(HTTP, true, RegistryAccess.anonymous());

        assertThat(client.hasImage(target("dp-u1-shop/api", "v1"))).isTrue();
        assertThat(client.hasImage(target("dp-u1-shop/api", "v2"))).isFalse();
    }

    @Test
    void imageCountsAsBuiltOnlyWithTheSameRecipeLabel() throws Exception {
        BuildRecipe recipe = new BuildRecipe("", "Dockerfile");
        pushImage("dp-u1-shop/worker", "v1", labels(recipe.fingerprint()));
        pushImage("dp-u1-shop/worker", "unlabelled", "{}");
        RegistryClient client = new RegistryClient(HTTP, true, RegistryAccess.anonymous());

        assertThat(client.hasImageBuiltBy(target("dp-u1-shop/worker", "v1"), recipe)).isTrue();
        assertThat(
                        client.hasImageBuiltBy(
                                target("dp-u1-shop/worker", "v1"),
                                new BuildRecipe("worker", "Dockerfile")))
                .isFalse();
        assertThat(client.hasImageBuiltBy(target("dp-u1-shop/worker", "unlabelled"), recipe))
                .isFalse();
        assertThat(client.hasImageBuiltBy(target("dp-u1-shop/worker", "missing"), recipe))
                .isFalse();
    }

    @Test
    void multiPlatformIndexIsFollowedToItsLinuxAmd64Image() throws Exception {
        BuildRecipe recipe = new BuildRecipe("", "Dockerfile");
        String manifestDigest =
                pushImage("dp-u1-shop/multi", "amd64", labels(recipe.fingerprint()));
        String index =
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                        + "\"manifests\":[{\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                        + "\"digest\":\""
                        + manifestDigest
                        + "\",\"size\":1,\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}";
        putManifest("dp-u1-shop/multi", "v1", "application/vnd.oci.image.index.v1+json", index);
        RegistryClient client = new RegistryClient(HTTP, true, RegistryAccess.anonymous());

        assertThat(client.hasImageBuiltBy(target("dp-u1-shop/multi", "v1"), recipe)).isTrue();
    }

    @Test
    void unreachableRegistryIsATransientError() {
        RegistryClient client = new RegistryClient(HTTP, true, RegistryAccess.anonymous());

        assertThatThrownBy(() -> client.hasImage(PushTarget.parse("127.0.0.1:1/dp-u1-shop/web:v1")))
                .isNotInstanceOf(io.temporal.failure.ApplicationFailure.class)
                .hasMessageContaining("did not answer");
    }

    private static PushTarget target(String repository, String tag) {
        return PushTarget.parse(registry.host() + "/" + repository + ":" + tag);
    }

    private static String labels(String fingerprint) {
        return "{\"Labels\":{\"" + BuildRecipe.LABEL + "\":\"" + fingerprint + "\"}}";
    }

    /**
     * A minimal image: a config blob holding {@code imageConfig} and a manifest without layers.
     *
     * @return the manifest's digest
     */
    private static String pushImage(String repository, String tag, String imageConfig)
            throws Exception {
        byte[] config =
                ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},\"config\":"
                                + imageConfig
                                + "}")
                        .getBytes(StandardCharsets.UTF_8);
        String configDigest = digest(config);
        String base = "http://" + registry.host() + "/v2/" + repository;
        HttpResponse<Void> start =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(base + "/blobs/uploads/"))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        String location = start.headers().firstValue("Location").orElseThrow();
        URI upload = URI.create(base).resolve(location);
        String separator = upload.getQuery() == null ? "?" : "&";
        HttpResponse<String> blob =
                HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create(upload + separator + "digest=" + configDigest))
                                .header("Content-Type", "application/octet-stream")
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(config))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(blob.statusCode()).as(blob.body()).isEqualTo(201);
        String manifest =
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                        + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":"
                        + config.length
                        + ",\"digest\":\""
                        + configDigest
                        + "\"},\"layers\":[]}";
        putManifest(
                repository, tag, "application/vnd.docker.distribution.manifest.v2+json", manifest);
        return digest(manifest.getBytes(StandardCharsets.UTF_8));
    }

    private static void putManifest(
            String repository, String tag, String mediaType, String manifest) throws Exception {
        HttpResponse<String> put =
                HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://"
                                                        + registry.host()
                                                        + "/v2/"
                                                        + repository
                                                        + "/manifests/"
                                                        + tag))
                                .header("Content-Type", mediaType)
                                .PUT(HttpRequest.BodyPublishers.ofString(manifest))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    }

    private static String digest(byte[] content) throws Exception {
        return "sha256:"
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
