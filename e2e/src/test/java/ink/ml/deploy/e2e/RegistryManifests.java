package ink.ml.deploy.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks the registry (Distribution's HTTP API v2) whether an image is there, as a pull would: with
 * no credential, or with a pull secret's login exchanged for a token at the realm the registry's
 * challenge names (Docker Registry v2 token authentication).
 */
final class RegistryManifests {
    private static final String ACCEPT =
            String.join(
                    ", ",
                    "application/vnd.oci.image.index.v1+json",
                    "application/vnd.oci.image.manifest.v1+json",
                    "application/vnd.docker.distribution.manifest.v2+json",
                    "application/vnd.docker.distribution.manifest.list.v2+json");
    private static final Pattern CHALLENGE_PARAMETER = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private RegistryManifests() {}

    /**
     * @param imageRef {@code host:port/repository:tag}
     * @param basicAuth a pull secret's {@code base64(user:password)}, or empty for anonymous
     * @return the HTTP status of {@code HEAD /v2/<repository>/manifests/<tag>}
     */
    static int status(String imageRef, Optional<String> basicAuth) {
        int slash = imageRef.indexOf('/');
        int colon = imageRef.lastIndexOf(':');
        if (slash < 0 || colon < slash) {
            throw new IllegalArgumentException("imageRef: not host/repository:tag: " + imageRef);
        }
        String repository = imageRef.substring(slash + 1, colon);
        URI manifest =
                URI.create(
                        "http://"
                                + imageRef.substring(0, slash)
                                + "/v2/"
                                + repository
                                + "/manifests/"
                                + imageRef.substring(colon + 1));
        HttpResponse<Void> anonymous = head(manifest, Optional.empty());
        if (anonymous.statusCode() != 401 || basicAuth.isEmpty()) {
            return anonymous.statusCode();
        }
        String challenge = anonymous.headers().firstValue("WWW-Authenticate").orElse("");
        return head(manifest, Optional.of(token(challenge, repository, basicAuth.get())))
                .statusCode();
    }

    /**
     * A token to pull {@code imageRef}, from the realm the registry's challenge names, for the
     * login {@code basicAuth}: what a node's runtime presents when it pulls. The realm answers with
     * a token whatever the login may do; the registry then decides.
     */
    static String pullToken(String imageRef, String basicAuth) {
        int slash = imageRef.indexOf('/');
        int colon = imageRef.lastIndexOf(':');
        URI base = URI.create("http://" + imageRef.substring(0, slash) + "/v2/");
        String challenge =
                head(base, Optional.empty()).headers().firstValue("WWW-Authenticate").orElse("");
        return token(challenge, imageRef.substring(slash + 1, colon), basicAuth);
    }

    private static String token(String challenge, String repository, String basicAuth) {
        Matcher parameters = CHALLENGE_PARAMETER.matcher(challenge);
        String realm = null;
        String service = null;
        while (parameters.find()) {
            if (parameters.group(1).equals("realm")) {
                realm = parameters.group(2);
            } else if (parameters.group(1).equals("service")) {
                service = parameters.group(2);
            }
        }
        if (realm == null) {
            throw new IllegalStateException(
                    "the registry's challenge names no realm: " + challenge);
        }
        URI url =
                URI.create(
                        realm
                                + "?service="
                                + URLEncoder.encode(
                                        service == null ? "" : service, StandardCharsets.UTF_8)
                                + "&scope="
                                + URLEncoder.encode(
                                        "repository:" + repository + ":pull",
                                        StandardCharsets.UTF_8));
        try {
            HttpResponse<String> answer =
                    HTTP.send(
                            HttpRequest.newBuilder(url)
                                    .header("Authorization", "Basic " + basicAuth)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(
                        "the token realm answered " + answer.statusCode() + ": " + answer.body());
            }
            return new ObjectMapper().readTree(answer.body()).path("token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("the token realm did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static HttpResponse<Void> head(URI manifest, Optional<String> token) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(manifest)
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .header("Accept", ACCEPT);
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new IllegalStateException("the registry did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
