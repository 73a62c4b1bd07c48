package ink.ml.deploy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The base image stand-ins reach a registry and run: pushed through its API, pulled by a Docker
 * engine, and their programs there. Skipped where debootstrap, the registry or the engine are
 * missing (failed in CI); the first run on a machine bootstraps a Debian root (minutes), later ones
 * read the cache.
 */
class TestBaseImagesTest {

    @Test
    void theStaticAndRuntimeImagesArePulledFromTheRegistryAndRunTheirPrograms() throws Exception {
        RealParts.require(
                TestBaseImages.unavailableReason(TestBaseImages.Kind.STATIC)
                        .or(() -> TestBaseImages.unavailableReason(TestBaseImages.Kind.RUNTIME)));
        try (RegistryProcess registry = RegistryProcess.startOrSkip();
                DockerEngineProcess engine = DockerEngineProcess.startOrSkip(registry.host())) {
            TestBaseImages.push(
                    TestBaseImages.Kind.STATIC,
                    registry.host(),
                    "base/busybox",
                    "test",
                    Optional.empty());
            TestBaseImages.push(
                    TestBaseImages.Kind.RUNTIME,
                    registry.host(),
                    "base/debian",
                    "test",
                    Optional.empty());
            // Pushed again: every blob is already there, and the tag still resolves.
            TestBaseImages.push(
                    TestBaseImages.Kind.STATIC,
                    registry.host(),
                    "base/busybox",
                    "test",
                    Optional.empty());

            assertThat(
                            run(
                                    engine.command(
                                            "run",
                                            "--rm",
                                            "--network",
                                            "none",
                                            registry.host() + "/base/busybox:test",
                                            "busybox",
                                            "echo",
                                            "static ran")))
                    .contains("static ran");
            // The machine's CAs are on top of Debian's (HostTrustLayer): the image's bundle is
            // the machine's, byte for byte, and Node is told to read it.
            assertThat(
                            run(
                                    engine.command(
                                            "run",
                                            "--rm",
                                            "--network",
                                            "none",
                                            registry.host() + "/base/debian:test",
                                            "/bin/sh",
                                            "-c",
                                            "cat /etc/ssl/certs/ca-certificates.crt"
                                                    + " && echo \"node reads $NODE_EXTRA_CA_CERTS\"")))
                    .endsWith(
                            Files.readString(HostTrustLayer.BUNDLE)
                                    + "node reads /etc/ssl/certs/ca-certificates.crt\n");
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", command, output).isZero();
        return output;
    }
}
