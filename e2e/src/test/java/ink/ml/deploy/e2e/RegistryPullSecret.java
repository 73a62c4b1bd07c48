package ink.ml.deploy.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * A project namespace's image pull secret as the deployer applied it ({@code registry-pull}, type
 * {@code kubernetes.io/dockerconfigjson}): what a node presents to the registry to pull that
 * project's images.
 *
 * @param registry the registry its one login is for
 * @param basicAuth {@code base64(user:password)} of that login
 */
record RegistryPullSecret(String registry, String basicAuth) {
    static final String NAME = "registry-pull";

    static RegistryPullSecret of(KubernetesClient kubernetes, String namespace) {
        Secret secret = kubernetes.secrets().inNamespace(namespace).withName(NAME).get();
        if (secret == null) {
            throw new AssertionError("namespace " + namespace + " has no " + NAME + " secret");
        }
        String json =
                new String(
                        Base64.getDecoder().decode(secret.getData().get(".dockerconfigjson")),
                        StandardCharsets.UTF_8);
        try {
            Map.Entry<String, JsonNode> login =
                    new ObjectMapper().readTree(json).path("auths").fields().next();
            return new RegistryPullSecret(login.getKey(), login.getValue().path("auth").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
