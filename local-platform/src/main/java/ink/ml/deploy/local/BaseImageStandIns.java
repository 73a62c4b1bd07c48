package ink.ml.deploy.local;

import ink.ml.deploy.registryauth.RegistryAuthSettings;
import ink.ml.deploy.registryauth.RegistryAuthority;
import ink.ml.deploy.registryauth.RegistryGrant;
import ink.ml.deploy.registryauth.RegistryRole;
import ink.ml.deploy.registryauth.RegistryScope;
import ink.ml.deploy.registryauth.RegistrySigningKey;
import ink.ml.deploy.testing.RegistryTokenKeys;
import ink.ml.deploy.testing.TestBaseImages;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The base images generated builds start from (the deployer-worker's {@code
 * mcpdeploy.build.base-images.*}), which cannot be pulled here. Only the static one is pushed at
 * start: Debian's static busybox alone, a few seconds. The others are Debian roots made with
 * debootstrap, minutes each, so a local run leaves them out and a Node, Python, Go or Java build
 * without a Dockerfile fails at its {@code FROM}, naming the missing image.
 */
final class BaseImageStandIns {
    /** The deployer-worker's default ({@code mcpdeploy.registry.auth.base-namespace}). */
    static final String BASE_NAMESPACE = "base";

    /** {@code mcpdeploy.build.base-images.static}: a busybox, as the real one is. */
    static final String STATIC_REPOSITORY = "busybox";

    static final String STATIC_TAG = "debian-static";

    static final String STATIC_NAME = STATIC_REPOSITORY + ":" + STATIC_TAG;

    private BaseImageStandIns() {}

    /** Why the static base image cannot be made here, or empty when it can. */
    static Optional<String> unavailableReason() {
        return TestBaseImages.unavailableReason(TestBaseImages.Kind.STATIC);
    }

    /**
     * Pushes the static base image to {@code registryHost}, with a token for the base namespace
     * signed by the key the registry trusts, as the operator who mirrors base images has one.
     */
    static void pushStatic(String registryHost, RegistryTokenKeys keys) {
        String repository = BASE_NAMESPACE + "/" + STATIC_REPOSITORY;
        RegistryAuthority authority =
                new RegistryAuthority(
                        RegistrySigningKey.fromPem(keys.signingKeyPem(), keys.certificatePem()),
                        new RegistryAuthSettings(
                                PlatformWiring.REGISTRY_ISSUER,
                                PlatformWiring.REGISTRY_SERVICE,
                                BASE_NAMESPACE,
                                Duration.ofMinutes(5)),
                        Clock.systemUTC());
        String token =
                authority
                        .token(
                                new RegistryGrant(
                                        BASE_NAMESPACE,
                                        RegistryRole.BUILD,
                                        Clock.systemUTC().instant().plus(Duration.ofMinutes(5))),
                                List.of(
                                        RegistryScope.repository(
                                                repository,
                                                RegistryScope.PULL,
                                                RegistryScope.PUSH)))
                        .token();
        TestBaseImages.push(
                TestBaseImages.Kind.STATIC,
                registryHost,
                repository,
                STATIC_TAG,
                Optional.of(token));
    }
}
