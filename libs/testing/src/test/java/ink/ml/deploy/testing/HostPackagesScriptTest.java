package ink.ml.deploy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/host-packages}, the package step of {@code ./run-platform} and {@code
 * ./run-tests}, run by bash with a PATH of stand-ins for {@code dpkg-query}, {@code id} and {@code
 * apt-get} (the script uses nothing else), so that every decision is tried without installing or
 * removing a package.
 */
class HostPackagesScriptTest {
    private static final Path SCRIPT = Path.of("../../scripts/host-packages").toAbsolutePath();
    private static final List<String> ALL =
            List.of(
                    "docker.io",
                    "docker-registry",
                    "runsc",
                    "busybox-static",
                    "git",
                    "caddy",
                    "haproxy",
                    "iproute2",
                    "nftables",
                    "openssl",
                    "curl",
                    "prometheus",
                    "bind9",
                    "pebble",
                    "ansible",
                    "ansible-lint",
                    "yamllint",
                    "debootstrap",
                    "chromium",
                    "chromium-driver",
                    "openjdk-17-jdk-headless",
                    "maven");

    @TempDir Path state;
    private Path bin;

    @BeforeEach
    void standIns() throws IOException {
        bin = Files.createDirectory(state.resolve("bin"));
        // dpkg-query -W -f='${Status}' PACKAGE: installed when listed in $STATE/installed.
        standIn(
                "dpkg-query",
                "package=\"${@: -1}\"",
                "while read -r p; do",
                "  if [ \"$p\" = \"$package\" ]; then printf 'install ok installed'; exit 0; fi",
                "done < \"$STATE/installed\"",
                "printf 'dpkg-query: no packages found matching %s\\n' \"$package\" >&2",
                "exit 1");
        standIn("id", "printf '%s\\n' \"$STAND_IN_UID\"");
        // Records its arguments; "install" adds the packages to the list unless told to fail.
        standIn(
                "apt-get",
                "printf '%s\\n' \"$*\" >> \"$STATE/apt-get.log\"",
                "if [ -f \"$STATE/apt-get-fails\" ]; then exit 100; fi",
                "if [ \"$1\" = install ]; then",
                "  for a in \"$@\"; do",
                "    case \"$a\" in -*|install) ;; *) printf '%s\\n' \"$a\" >> \"$STATE/installed\";;"
                        + " esac",
                "  done",
                "fi");
        Files.writeString(state.resolve("apt-get.log"), "");
    }

    @Test
    void withEverythingInstalledItSaysNothingAndSucceeds() throws Exception {
        installed(ALL);

        Result result = run(0);

        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).isEmpty();
        assertThat(aptGetCalls()).isEmpty();
    }

    @Test
    void asRootWithAptItInstallsOnlyWhatIsMissingAndSaysSo() throws Exception {
        installed(ALL.stream().filter(p -> !p.equals("runsc") && !p.equals("caddy")).toList());

        Result result = run(0);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output())
                .contains("[host-packages] installing missing Debian packages: runsc caddy")
                .contains("[host-packages] installed: runsc caddy");
        assertThat(aptGetCalls()).containsExactly("update -qq", "install -y -qq runsc caddy");
    }

    @Test
    void notAsRootItPrintsTheExactCommandAndStops() throws Exception {
        installed(ALL.stream().filter(p -> !p.equals("docker.io")).toList());

        Result result = run(1000);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output())
                .contains("[host-packages] missing Debian packages: docker.io")
                .contains("  sudo sh -c 'apt-get update && apt-get install -y docker.io'");
        assertThat(aptGetCalls()).isEmpty();
    }

    @Test
    void asRootWithoutAptItPrintsTheCommandAndStops() throws Exception {
        installed(ALL.stream().filter(p -> !p.equals("git")).toList());
        Files.delete(bin.resolve("apt-get"));

        Result result = run(0);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output())
                .contains("there is no apt-get here")
                .contains("  apt-get update && apt-get install -y git");
    }

    @Test
    void aFailedInstallStopsWithTheCommandToRun() throws Exception {
        installed(ALL.stream().filter(p -> !p.equals("nftables")).toList());
        Files.writeString(state.resolve("apt-get-fails"), "");

        Result result = run(0);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output())
                .contains(
                        "apt-get could not install nftables; fix what it says above, or run:"
                                + " apt-get update && apt-get install -y nftables");
    }

    @Test
    void aJavaAndMavenOnThePathNeedNoDebianPackage() throws Exception {
        installed(ALL.subList(0, ALL.size() - 2));
        standIn("java", "exit 0");
        standIn("mvn", "exit 0");

        Result result = run(1000);

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void withoutJavaOrMavenTheirDebianPackagesAreMissing() throws Exception {
        installed(ALL.subList(0, ALL.size() - 2));

        Result result = run(1000);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output())
                .contains("missing Debian packages: openjdk-17-jdk-headless maven");
    }

    @Test
    void withoutDpkgItNamesWhatIsNeededAndStops() throws Exception {
        Files.delete(bin.resolve("dpkg-query"));

        Result result = run(0);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("this is not a Debian machine").contains("runsc");
        assertThat(aptGetCalls()).isEmpty();
    }

    private record Result(int exitCode, String output) {}

    private Result run(int uid) throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder("/bin/bash", SCRIPT.toString()).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PATH", bin.toString());
        environment.put("STATE", state.toString());
        environment.put("STAND_IN_UID", Integer.toString(uid));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private void installed(List<String> packages) throws IOException {
        Files.write(state.resolve("installed"), packages);
    }

    private List<String> aptGetCalls() throws IOException {
        return Files.readAllLines(state.resolve("apt-get.log"));
    }

    private void standIn(String name, String... lines) throws IOException {
        Path file = bin.resolve(name);
        Files.writeString(file, "#!/bin/bash\n" + String.join("\n", lines) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
