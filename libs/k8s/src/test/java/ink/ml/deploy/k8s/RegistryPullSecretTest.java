package ink.ml.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ink.ml.deploy.domain.RegistryHost;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RegistryPullSecretTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Secret secret = RegistryPullSecret.from(Fixtures.registryPull()).secret();

    @Test
    void isTheNamespacesDockerConfigSecretWithTheProjectsLabels() {
        assertThat(secret.getMetadata().getName())
                .isEqualTo(ProjectNames.PULL_SECRET)
                .isEqualTo("registry-pull");
        assertThat(secret.getMetadata().getNamespace()).isEqualTo("dp-u42-shop");
        assertThat(secret.getType()).isEqualTo("kubernetes.io/dockerconfigjson");
        assertThat(secret.getMetadata().getLabels())
                .containsAllEntriesOf(
                        Labels.forProject(Fixtures.WEB.user(), Fixtures.WEB.project()).toMap())
                .containsEntry(Labels.COMPONENT, "registry-pull")
                .doesNotContainKey(Labels.SERVICE);
        assertThat(secret.getData()).containsOnlyKeys(".dockerconfigjson");
    }

    @Test
    void dockerConfigHoldsTheCredentialForTheRegistryWithAuthAsBase64OfUserColonPassword()
            throws Exception {
        JsonNode entry = dockerConfig(secret).path("auths").path("registry.internal:5000");

        assertThat(entry.path("username").asText()).isEqualTo("dp-u42-shop");
        assertThat(entry.path("password").asText()).isEqualTo(Fixtures.PULL_PASSWORD);
        assertThat(decode(entry.path("auth").asText()))
                .isEqualTo("dp-u42-shop:" + Fixtures.PULL_PASSWORD);
        assertThat(dockerConfig(secret).path("auths").size()).isEqualTo(1);
    }

    @Test
    void escapesWhatJsonRequiresSoAnyPasswordReadsBackExactly() throws Exception {
        String password = "a\"b\\c\nd\u0001é";
        Secret built =
                RegistryPullSecret.from(
                                new RegistryPullSpec(
                                        Fixtures.project(),
                                        RegistryHost.of("127.0.0.1:5000"),
                                        "dp-u42-shop",
                                        password))
                        .secret();

        JsonNode entry = dockerConfig(built).path("auths").path("127.0.0.1:5000");
        assertThat(entry.path("password").asText()).isEqualTo(password);
        assertThat(decode(entry.path("auth").asText())).isEqualTo("dp-u42-shop:" + password);
    }

    @Test
    void sameSpecBuildsTheSameSecret() {
        assertThat(RegistryPullSecret.from(Fixtures.registryPull()).secret()).isEqualTo(secret);
    }

    @Test
    void refusesAUserNameTheAuthFieldCouldNotCarry() {
        assertThatThrownBy(
                        () ->
                                new RegistryPullSpec(
                                        Fixtures.project(), RegistryHost.DEFAULT, "dp:u42", "p"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user name");
        assertThatThrownBy(
                        () ->
                                new RegistryPullSpec(
                                        Fixtures.project(),
                                        RegistryHost.DEFAULT,
                                        "dp-u42-shop",
                                        ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("password");
    }

    @Test
    void specNeverPrintsThePassword() {
        assertThat(Fixtures.registryPull().toString())
                .contains("dp-u42-shop")
                .doesNotContain(Fixtures.PULL_PASSWORD);
    }

    private static JsonNode dockerConfig(Secret secret) throws Exception {
        return JSON.readTree(decode(secret.getData().get(RegistryPullSecret.DATA_KEY)));
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
