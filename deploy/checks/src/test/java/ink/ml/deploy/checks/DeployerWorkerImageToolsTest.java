package ink.ml.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The deployer-worker's image carries what its default builder and its clones run: {@code buildctl}
 * of one pinned BuildKit release whose archive is checked against a recorded SHA-256, and {@code
 * git}.
 */
class DeployerWorkerImageToolsTest {
    private static final Pattern VERSION =
            Pattern.compile("BUILDKIT_VERSION=(v\\d+\\.\\d+\\.\\d+)");
    private static final Pattern CHECKSUM =
            Pattern.compile("BUILDKIT_SHA256_AMD64=[0-9a-f]{64}(\\s|$)");

    @ParameterizedTest(name = "Dockerfile.{0} installs a pinned, checksummed buildctl")
    @ValueSource(strings = {"jvm", "native"})
    void buildctlIsAPinnedReleaseCheckedAgainstItsChecksum(String variant) {
        Dockerfile dockerfile =
                Dockerfile.read(RepositoryTree.dockerfile("deployer-worker", variant));
        Dockerfile.Stage download = dockerfile.stage("buildctl");
        String args = String.join("\n", download.arguments("ARG"));
        String run = String.join("\n", download.arguments("RUN"));

        Matcher version = VERSION.matcher(args);
        assertThat(version.find()).as("BUILDKIT_VERSION is an exact release").isTrue();
        assertThat(CHECKSUM.matcher(args).find()).as("the amd64 archive's SHA-256").isTrue();
        assertThat(run)
                .contains(
                        "https://github.com/moby/buildkit/releases/download/${BUILDKIT_VERSION}/buildkit-${BUILDKIT_VERSION}.linux-${TARGETARCH}.tar.gz")
                .contains("sha256sum -c -");
        assertThat(run.indexOf("sha256sum -c -"))
                .as("the archive is checked before it is unpacked")
                .isLessThan(run.indexOf("tar -xzf"));
        assertThat(dockerfile.last().arguments("COPY"))
                .contains("--from=buildctl /usr/local/bin/buildctl /usr/local/bin/buildctl");
    }

    @ParameterizedTest(
            name = "Dockerfile.{0}'s buildctl is the release the cluster's buildkitd runs")
    @ValueSource(strings = {"jvm", "native"})
    void buildctlAndTheClustersBuildkitdAreOneRelease(String variant) {
        Dockerfile dockerfile =
                Dockerfile.read(RepositoryTree.dockerfile("deployer-worker", variant));
        Matcher version =
                VERSION.matcher(String.join("\n", dockerfile.stage("buildctl").arguments("ARG")));
        assertThat(version.find()).isTrue();
        Deployment buildkitd = SystemManifests.named(Deployment.class, "buildkitd");

        assertThat(buildkitd.getSpec().getTemplate().getSpec().getContainers())
                .extracting(Container::getImage)
                .as("a client and daemon of one release speak the same protocol features")
                .allMatch(
                        image ->
                                image.matches(
                                        ".*/buildkit:"
                                                + Pattern.quote(version.group(1))
                                                + "(-rootless)?(@sha256:[0-9a-f]{64})?"));
    }

    @ParameterizedTest(name = "Dockerfile.{0} installs git")
    @ValueSource(strings = {"jvm", "native"})
    void gitIsInstalled(String variant) {
        Dockerfile dockerfile =
                Dockerfile.read(RepositoryTree.dockerfile("deployer-worker", variant));

        assertThat(dockerfile.last().arguments("RUN"))
                .anyMatch(run -> run.matches(".*microdnf install -y (.* )?git-core( .*)?"));
    }
}
