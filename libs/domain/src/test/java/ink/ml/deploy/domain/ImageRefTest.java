package ink.ml.deploy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageRefTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void followsTheSeedsImageNaming() {
        ImageRef image =
                ImageRef.of(
                        RegistryHost.DEFAULT, ServiceRef.of("u42", "shop", "web"), GitSha.of(SHA));

        assertThat(image.reference()).isEqualTo("registry.internal:5000/dp-u42-shop/web:" + SHA);
        assertThat(image.repository()).isEqualTo("dp-u42-shop/web");
        assertThat(image.tag()).isEqualTo(SHA);
    }

    @Test
    void registryHostIsConfigurable() {
        ImageRef image =
                ImageRef.of(
                        RegistryHost.of("127.0.0.1:5000"),
                        ServiceRef.of("u42", "shop", "web"),
                        GitSha.of(SHA));
        assertThat(image.reference()).isEqualTo("127.0.0.1:5000/dp-u42-shop/web:" + SHA);
    }

    @Test
    void parsesItsOwnReferenceBack() {
        ImageRef image =
                ImageRef.of(
                        RegistryHost.of("127.0.0.1:5000"),
                        ServiceRef.of("u42", "my-shop", "web-api"),
                        GitSha.of(SHA));

        ImageRef parsed = ImageRef.parse(image.reference());

        assertThat(parsed).isEqualTo(image);
        assertThat(parsed.service().project().value()).isEqualTo("my-shop");
        assertThat(parsed.registry().value()).isEqualTo("127.0.0.1:5000");
    }

    @Test
    void theTagCarriesTheBuildSettingsFingerprintAfterTheCommit() {
        BuildSettings settings = BuildSettingsTest.dockerfileAtRoot();
        ImageRef image =
                ImageRef.of(
                        RegistryHost.DEFAULT,
                        ServiceRef.of("u42", "shop", "web"),
                        GitSha.of(SHA),
                        settings);

        assertThat(image.tag()).isEqualTo(SHA + "-" + settings.fingerprint().value());
        assertThat(image.tag()).matches("[0-9a-f]{40}-[0-9a-f]{12}");
        assertThat(image.reference())
                .isEqualTo("registry.internal:5000/dp-u42-shop/web:" + image.tag());
        assertThat(ImageRef.parse(image.reference())).isEqualTo(image);
    }

    @Test
    void aShaOnlyTagOfAnEarlierImageStillParses() {
        ImageRef parsed = ImageRef.parse("127.0.0.1:5000/dp-u42-shop/web:" + SHA);

        assertThat(parsed.commit().value()).isEqualTo(SHA);
        assertThat(parsed.fingerprint()).isNull();
        assertThat(parsed.tag()).isEqualTo(SHA);
        assertThat(parsed)
                .isEqualTo(
                        ImageRef.of(
                                RegistryHost.of("127.0.0.1:5000"),
                                ServiceRef.of("u42", "shop", "web"),
                                GitSha.of(SHA)));
    }

    @Test
    void theSameCommitWithOtherSettingsIsAnotherImage() {
        ServiceRef web = ServiceRef.of("u42", "shop", "web");
        BuildSettings dockerfile = BuildSettingsTest.dockerfileAtRoot();
        BuildSettings node =
                BuildSettings.of("node", "", "Dockerfile", null, null, "node server.js");

        assertThat(ImageRef.of(RegistryHost.DEFAULT, web, GitSha.of(SHA), dockerfile))
                .isNotEqualTo(ImageRef.of(RegistryHost.DEFAULT, web, GitSha.of(SHA), node));
        assertThat(ImageRef.of(RegistryHost.DEFAULT, web, GitSha.of(SHA), dockerfile))
                .isNotEqualTo(ImageRef.of(RegistryHost.DEFAULT, web, GitSha.of(SHA)));
    }

    @Test
    void anImageMovesToAnotherRegistryHostKeepingItsTag() {
        ImageRef image =
                ImageRef.of(
                        RegistryHost.DEFAULT,
                        ServiceRef.of("u42", "shop", "web"),
                        GitSha.of(SHA),
                        BuildSettingsTest.dockerfileAtRoot());

        ImageRef moved = image.on(RegistryHost.of("127.0.0.1:5000"));

        assertThat(moved.tag()).isEqualTo(image.tag());
        assertThat(moved.registry().value()).isEqualTo("127.0.0.1:5000");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "registry.internal:5000/dp-u42-shop/web:" + SHA + "-",
                "registry.internal:5000/dp-u42-shop/web:" + SHA + "-abc",
                "registry.internal:5000/dp-u42-shop/web:" + SHA + "-0123456789AB",
                "registry.internal:5000/dp-u42-shop/web:" + SHA + "-0123456789ab-x",
                "registry.internal:5000/dp-u42-shop/web",
                "registry.internal:5000/dp-u42-shop/web:latest",
                "registry.internal:5000/u42-shop/web:" + SHA,
                "registry.internal:5000/dp-u42/web:" + SHA,
                "dp-u42-shop/web:" + SHA,
                "registry.internal:5000/dp-u42-shop/team/web:" + SHA,
                "registry.internal:5000/dp-u42-shop/Web:" + SHA
            })
    void refusesReferencesNotOfTheSeedsShape(String reference) {
        assertThatThrownBy(() -> ImageRef.parse(reference))
                .isInstanceOf(InvalidValueException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "abc123",
                "0123456789ABCDEF0123456789ABCDEF01234567",
                "0123456789abcdef0123456789abcdef0123456",
                "0123456789abcdef0123456789abcdef012345678",
                "main",
                "0123456789abcdef0123456789abcdef0123456g"
            })
    void refusesAnythingButAFullLowercaseCommitSha(String sha) {
        assertThatThrownBy(() -> GitSha.of(sha))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("commitSha: ");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "https://registry.internal:5000",
                "registry.internal:5000/path",
                "Registry.Internal",
                "registry.internal:0",
                "registry.internal:70000",
                "registry internal",
                "-registry"
            })
    void refusesRegistryHostsThatAreNotHostAndPort(String host) {
        assertThatThrownBy(() -> RegistryHost.of(host))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("registry: ");
    }
}
