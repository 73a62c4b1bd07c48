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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The base images generated builds start from (the deployer-worker's {@code
 * mcpdeploy.build.base-images.*}), which cannot be pulled here: stand-ins made from Debian's
 * packages (libs/testing {@code TestBaseImages}), pushed into the registry's base namespace at
 * start under names that say what they are. The static one is Debian's static busybox alone, a
 * second; the others are Debian roots made with debootstrap and apt-get, minutes each the first
 * time on a machine and cached after that. So a start pushes what is cached, and makes the rest
 * only when asked ({@link LocalPlatformOptions#withEveryBaseImage()}, {@code ./run-platform
 * --make-base-images}); a build that needs a missing one fails at its {@code FROM}, naming it.
 */
final class BaseImageStandIns {
    /** The deployer-worker's default ({@code mcpdeploy.registry.auth.base-namespace}). */
    static final String BASE_NAMESPACE = "base";

    /** The {@code ./run-platform} argument that makes the missing ones. */
    static final String MAKE_ARGUMENT = "--make-base-images";

    /** Each base image the deployer-worker is configured with, and the stand-in pushed for it. */
    enum StandIn {
        NODE("node", TestBaseImages.Kind.NODE, "node", "debian12"),
        PYTHON("python", TestBaseImages.Kind.PYTHON, "python", "debian12"),
        GO("go", TestBaseImages.Kind.GO, "golang", "debian12"),
        RUNTIME("runtime", TestBaseImages.Kind.RUNTIME, "debian", "12-minbase"),
        STATIC("static", TestBaseImages.Kind.STATIC, "busybox", "debian-static"),
        JDK("jdk", TestBaseImages.Kind.JDK, "openjdk", "17-jdk-debian12"),
        JRE("jre", TestBaseImages.Kind.JRE, "openjdk", "17-jre-debian12");

        private final String key;
        private final TestBaseImages.Kind kind;
        private final String repository;
        private final String tag;

        StandIn(String key, TestBaseImages.Kind kind, String repository, String tag) {
            this.key = key;
            this.kind = kind;
            this.repository = repository;
            this.tag = tag;
        }

        /** The deployer-worker's property naming it. */
        String property() {
            return "mcpdeploy.build.base-images." + key;
        }

        /** Its name inside the base namespace, e.g. {@code node:debian12}. */
        String imageName() {
            return repository + ":" + tag;
        }

        String key() {
            return key;
        }

        private String repositoryPath() {
            return BASE_NAMESPACE + "/" + repository;
        }
    }

    /**
     * What a start pushed, what it left out because it is not made yet, and why none of the Debian
     * ones can be made here, if so.
     */
    record Pushed(List<StandIn> pushed, List<StandIn> notMade, Optional<String> unavailable) {
        /** The start-up line. */
        String summary(Duration took) {
            if (notMade.isEmpty()) {
                return "Base images: every one pushed ("
                        + keys(pushed)
                        + ", Debian stand-ins) in "
                        + String.format("%.1f s", took.toMillis() / 1000.0);
            }
            String what =
                    pushed.isEmpty()
                            ? "none pushed"
                            : keys(pushed)
                                    + " pushed in "
                                    + String.format("%.1f s", took.toMillis() / 1000.0);
            String missing =
                    keys(notMade)
                            + " not made yet, so builds without a Dockerfile that need them fail at"
                            + " their FROM";
            return "Base images: "
                    + what
                    + "; "
                    + missing
                    + unavailable
                            .map(reason -> " (they cannot be made here: " + reason + ")")
                            .orElse(
                                    ". `./run-platform "
                                            + MAKE_ARGUMENT
                                            + "` makes them once (Debian roots, ~15 min with none"
                                            + " cached), after which every start pushes them");
        }

        private static String keys(List<StandIn> standIns) {
            return String.join(", ", standIns.stream().map(StandIn::key).toList());
        }
    }

    private BaseImageStandIns() {}

    /** The deployer-worker's base image settings: every stand-in's name. */
    static Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        for (StandIn standIn : StandIn.values()) {
            properties.put(standIn.property(), standIn.imageName());
        }
        return properties;
    }

    /**
     * Pushes the stand-ins to {@code registryHost}: those cached, or with {@code makeMissing} every
     * one (making the missing ones first), with a token for the base namespace signed by the key
     * the registry trusts, as the operator who mirrors base images has one.
     */
    static Pushed push(String registryHost, RegistryTokenKeys keys, boolean makeMissing) {
        Optional<String> debianUnavailable =
                TestBaseImages.unavailableReason(TestBaseImages.Kind.RUNTIME);
        List<StandIn> toPush = new ArrayList<>();
        List<StandIn> notMade = new ArrayList<>();
        for (StandIn standIn : StandIn.values()) {
            boolean canMake = TestBaseImages.unavailableReason(standIn.kind).isEmpty();
            if (canMake && (makeMissing || TestBaseImages.isCached(standIn.kind))) {
                toPush.add(standIn);
            } else {
                notMade.add(standIn);
            }
        }
        if (toPush.isEmpty()) {
            return new Pushed(List.of(), List.copyOf(notMade), debianUnavailable);
        }
        String token = token(keys, toPush);
        // At once: a cached one is pushed while another is being made, here or by a warmer
        // (libs/testing WarmBaseImages) whose lock it waits on.
        ExecutorService pushers = Executors.newFixedThreadPool(toPush.size());
        try {
            List<Future<?>> pushes = new ArrayList<>();
            for (StandIn standIn : toPush) {
                pushes.add(
                        pushers.submit(
                                () ->
                                        TestBaseImages.push(
                                                standIn.kind,
                                                registryHost,
                                                standIn.repositoryPath(),
                                                standIn.tag,
                                                Optional.of(token))));
            }
            for (Future<?> push : pushes) {
                push.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause
                    ? cause
                    : new IllegalStateException("pushing a base image failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pushing the base images", e);
        } finally {
            pushers.shutdownNow();
        }
        return new Pushed(List.copyOf(toPush), List.copyOf(notMade), debianUnavailable);
    }

    private static String token(RegistryTokenKeys keys, List<StandIn> standIns) {
        RegistryAuthority authority =
                new RegistryAuthority(
                        RegistrySigningKey.fromPem(keys.signingKeyPem(), keys.certificatePem()),
                        new RegistryAuthSettings(
                                PlatformWiring.REGISTRY_ISSUER,
                                PlatformWiring.REGISTRY_SERVICE,
                                BASE_NAMESPACE,
                                // Long enough for roots made on the way (minutes each).
                                Duration.ofHours(2)),
                        Clock.systemUTC());
        List<RegistryScope> scopes =
                standIns.stream()
                        .map(StandIn::repositoryPath)
                        .distinct()
                        .map(
                                repository ->
                                        RegistryScope.repository(
                                                repository, RegistryScope.PULL, RegistryScope.PUSH))
                        .toList();
        return authority
                .token(
                        new RegistryGrant(
                                BASE_NAMESPACE,
                                RegistryRole.BUILD,
                                Clock.systemUTC().instant().plus(Duration.ofHours(2))),
                        scopes)
                .token();
    }
}
