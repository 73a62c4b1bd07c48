package ink.ml.deploy.deployer.worker.run.docker;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.domain.GitSha;
import ink.ml.deploy.domain.ImageRef;
import ink.ml.deploy.domain.RegistryHost;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.testing.AppEngineProcess;
import ink.ml.deploy.testing.Directories;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test apps, {@code FROM scratch} with Debian's static busybox, imported into the app engine once
 * and pushed to the test registry under each service's own repository, as a build would.
 */
final class AppImages {
    static final Path BUSYBOX = Path.of("/usr/bin/busybox");

    /** What the page of {@link App#WEB} starts with. */
    static final String PAGE = "hello from busybox";

    enum App {
        /**
         * Serves {@code /www} on {@code $PORT}; writes what it sees of its kernel and its {@code
         * GREETING} variable there first; exits with 7 when httpd dies.
         */
        WEB(
                "/busybox uname -r > /www/kernel; /busybox dmesg > /www/dmesg 2>&1;"
                        + " echo \"$GREETING\" > /www/greeting;"
                        + " echo listening on $PORT;"
                        + " /busybox httpd -f -p $PORT -h /www & echo $! > /app.pid;"
                        + " wait $!; echo app stopped; exit 7"),
        /**
         * Only busybox's httpd on {@code $PORT}, as the end-to-end test's app: nothing before it.
         */
        HTTPD("exec /busybox httpd -f -p ${PORT:-8080} -h /www"),
        /** Exits at once with code 3 after two lines of log. */
        EXITS("echo starting up; echo cannot reach the database >&2; exit 3"),
        /** Runs but never listens. */
        SILENT("echo warming up; exec /busybox sleep 3600");

        private final String script;

        App(String script) {
            this.script = script;
        }

        String localTag() {
            return "local/test-" + name().toLowerCase() + ":1";
        }
    }

    private final AppEngineProcess engine;
    private final String registry;

    private AppImages(AppEngineProcess engine, String registry) {
        this.engine = engine;
        this.registry = registry;
    }

    /** Imports every app into {@code engine}; pushes go to {@code registry} ({@code host:port}). */
    static AppImages build(AppEngineProcess engine, String registry) throws Exception {
        Path context = Files.createTempDirectory("app-images-");
        try {
            Files.copy(BUSYBOX, context.resolve("busybox"));
            Files.createDirectories(context.resolve("www"));
            Files.writeString(context.resolve("www/index.html"), PAGE + "\n");
            Path tar = context.resolve("app.tar");
            run(List.of("tar", "-C", context.toString(), "-cf", tar.toString(), "busybox", "www"));
            for (App app : App.values()) {
                String cmd =
                        "CMD [\"/busybox\", \"sh\", \"-c\", \""
                                + app.script.replace("\"", "\\\"")
                                + "\"]";
                run(engine.command("import", "--change", cmd, tar.toString(), app.localTag()));
            }
        } finally {
            Directories.deleteQuietly(context);
        }
        return new AppImages(engine, registry);
    }

    /**
     * Pushes {@code app} as {@code service}'s image of commit {@code sha} and drops the tag from
     * the engine, so that the target pulls it from the registry.
     */
    ImageRef push(App app, ServiceRef service, String sha) throws Exception {
        ImageRef image = ImageRef.of(RegistryHost.of(registry), service, GitSha.of(sha));
        run(engine.command("tag", app.localTag(), image.reference()));
        run(engine.command("push", image.reference()));
        run(engine.command("rmi", image.reference()));
        return image;
    }

    /** The reference of an image nobody pushed. */
    ImageRef missing(ServiceRef service, String sha) {
        return ImageRef.of(RegistryHost.of(registry), service, GitSha.of(sha));
    }

    static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        assertThat(process.exitValue()).as("%s: %s", command, output).isZero();
        return output;
    }

    /** Runs {@code command}; its exit code and output, whatever they are. */
    static Outcome attempt(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        return new Outcome(process.exitValue(), output);
    }

    record Outcome(int exitCode, String output) {}
}
