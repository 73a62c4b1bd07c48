package ink.ml.deploy.deployer.worker.build;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ink.ml.deploy.buildplan.BaseImage;
import ink.ml.deploy.buildplan.BaseImages;
import ink.ml.deploy.buildplan.BuildPlanner;
import ink.ml.deploy.deployer.worker.registry.RegistryAccess;
import ink.ml.deploy.deployer.worker.source.BareRepositoryFixture;
import ink.ml.deploy.deployer.worker.source.JGitRepositoryCloner;
import ink.ml.deploy.deployer.worker.source.RemoteRepositories;
import ink.ml.deploy.domain.BuildStrategy;
import ink.ml.deploy.domain.SourceKind;
import ink.ml.deploy.testing.BuildNetwork;
import ink.ml.deploy.testing.DockerEngineProcess;
import ink.ml.deploy.testing.RegistryProcess;
import ink.ml.deploy.testing.SampleJavaApp;
import ink.ml.deploy.testing.TestBaseImages;
import ink.ml.deploy.workflow.deploy.BuildRequest;
import ink.ml.deploy.workflow.metrics.DeployStepMeter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated builds against hand-written Dockerfiles for the same small apps, on the same base
 * images (libs/testing {@code TestBaseImages}), the same private Docker engine and registry,
 * through the same {@link BuildPipeline} (clone, build, push). Each app is built twice per round
 * with fresh content, the generated build first in one round and the hand-written one first in the
 * other. Prints, and writes to {@code target/generated-build-benchmark.txt}: time per build, the
 * ratio, and the image's compressed size. Numbers only; run on its own:
 *
 * <pre>
 * mvn -B -o -pl services/deployer-worker -am verify -Dtest=GeneratedBuildBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=none -Dfailsafe.failIfNoSpecifiedTests=false
 * </pre>
 */
class GeneratedBuildBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 2);

    /** {@code -Dbench.apps=java,node-npm}: only these apps (default: every one). */
    private static final List<String> SELECTED =
            List.of(System.getProperty("bench.apps", "").split(",")).stream()
                    .map(String::strip)
                    .filter(name -> !name.isEmpty())
                    .toList();

    @TempDir Path checkouts;

    /**
     * A sample app, the Dockerfile a person would write for it, the base images both use, and
     * whether its build downloads (then it needs the build network). Each commit adds an app's
     * files to the previous app's; an app in a directory of its own (its root directory) is not
     * detected as the language of the files beside it.
     */
    record App(
            String name,
            String directory,
            Map<String, String> files,
            String handWritten,
            List<TestBaseImages.Kind> baseImages,
            boolean downloads) {
        /** Where the app's file {@code name} goes in the repository. */
        String path(String name) {
            return directory.isEmpty() ? name : directory + "/" + name;
        }
    }

    private static DockerEngineProcess startIn(BuildNetwork network, RegistryProcess registry) {
        network.allow(registry.port());
        return DockerEngineProcess.startIn(network, registry.host());
    }

    @Test
    void generatedAgainstHandWritten() throws Exception {
        List<String> report = new ArrayList<>();
        // RUN steps that download (npm install, the Maven wrapper) need the build network: the
        // engine in a namespace of its own behind the egress filter, as the local platform has it.
        Optional<String> noNetwork = BuildNetwork.unavailableReason();
        try (BuildNetwork network = noNetwork.isEmpty() ? BuildNetwork.create() : null;
                RegistryProcess registry =
                        network != null
                                ? RegistryProcess.start(network.hostAddress(), Optional.empty())
                                : RegistryProcess.startOrSkip();
                DockerEngineProcess engine =
                        network != null
                                ? startIn(network, registry)
                                : DockerEngineProcess.startOrSkip(registry.host());
                BareRepositoryFixture repo = BareRepositoryFixture.create()) {
            RunNetwork runNetwork = network != null ? RunNetwork.BUILD_DAEMON : RunNetwork.NONE;
            report.add(
                    "RUN steps: "
                            + noNetwork
                                    .map(why -> "no network (" + why + ")")
                                    .orElse("the build network, behind its egress filter"));
            Map<BaseImage, String> references = new EnumMap<>(BaseImage.class);
            for (BaseImage image : BaseImage.values()) {
                references.put(
                        image,
                        registry.host()
                                + "/base/"
                                + image.name().toLowerCase(Locale.ROOT)
                                + ":test");
            }
            List<App> apps =
                    apps(references).stream()
                            .filter(app -> SELECTED.isEmpty() || SELECTED.contains(app.name()))
                            .filter(app -> network != null || !app.downloads())
                            .toList();
            for (TestBaseImages.Kind kind :
                    apps.stream().flatMap(app -> app.baseImages().stream()).distinct().toList()) {
                long start = System.nanoTime();
                TestBaseImages.push(
                        kind,
                        registry.host(),
                        "base/" + kind.name().toLowerCase(Locale.ROOT),
                        "test",
                        Optional.empty());
                report.add(
                        String.format(
                                "base image %-8s made (or read from the cache) and pushed in %6.1f s,"
                                        + " %s",
                                kind,
                                seconds(start),
                                size(
                                        registry.host(),
                                        "base/" + kind.name().toLowerCase(Locale.ROOT),
                                        "test")));
            }
            BuildPipeline pipeline =
                    new BuildPipeline(
                            new RemoteRepositories(
                                    "https://github.invalid",
                                    repo.baseUrl(),
                                    installation -> "unused",
                                    repository -> Optional.empty()),
                            new JGitRepositoryCloner(
                                    checkouts,
                                    64 * 1024 * 1024,
                                    Duration.ofMinutes(1),
                                    Clock.systemUTC()),
                            new RegistryClient(
                                    HttpClient.newBuilder()
                                            .version(HttpClient.Version.HTTP_1_1)
                                            .build(),
                                    true,
                                    RegistryAccess.anonymous()),
                            new DockerEngineImageBuilder(
                                    DockerEngineProcess.CLIENT.toString(),
                                    engine.host(),
                                    runNetwork,
                                    Duration.ofMinutes(20),
                                    new DeployStepMeter(new SimpleMeterRegistry())),
                            RegistryAccess.anonymous(),
                            new BuildPlanner(new BaseImages(references)),
                            registry.host(),
                            true);
            report.add("");
            report.add(
                    String.format(
                            "%-7s %-5s %-10s %-10s %-6s %-12s %-12s",
                            "app",
                            "round",
                            "generated",
                            "by hand",
                            "ratio",
                            "gen. image",
                            "hand image"));
            for (App app : apps) {
                for (int round = 1; round <= ROUNDS; round++) {
                    Map<String, byte[]> files = new LinkedHashMap<>();
                    app.files()
                            .forEach(
                                    (name, text) ->
                                            files.put(app.path(name), text.getBytes(UTF_8)));
                    files.put(app.path("hand.Dockerfile"), app.handWritten().getBytes(UTF_8));
                    // Fresh content each round: neither path finds the other's layers.
                    files.put(
                            app.path("version.txt"),
                            (app.name() + " " + System.nanoTime()).getBytes(UTF_8));
                    String sha = repo.commit(files);
                    boolean generatedFirst = round % 2 == 1;
                    double generated = 0;
                    double byHand = 0;
                    for (int turn = 0; turn < 2; turn++) {
                        boolean isGenerated = (turn == 0) == generatedFirst;
                        long start = System.nanoTime();
                        List<String> output = new ArrayList<>();
                        pipeline.run(
                                request(
                                        repo,
                                        sha,
                                        app.directory(),
                                        isGenerated ? BuildStrategy.AUTO : BuildStrategy.DOCKERFILE,
                                        isGenerated ? "Dockerfile" : "hand.Dockerfile",
                                        registry.host()
                                                + "/dp-u1-bench/"
                                                + app.name()
                                                + (isGenerated ? "-generated:" : "-hand:")
                                                + sha),
                                output::add,
                                new Cancellation());
                        if (isGenerated) {
                            generated = seconds(start);
                            if (round == 1) {
                                Files.write(
                                        Path.of("target", "generated-" + app.name() + ".log"),
                                        output);
                            }
                        } else {
                            byHand = seconds(start);
                        }
                    }
                    report.add(
                            String.format(
                                    "%-7s %-5s %8.1f s %8.1f s %6.2f %-12s %-12s",
                                    app.name(),
                                    round + (generatedFirst ? "g" : "h"),
                                    generated,
                                    byHand,
                                    generated / byHand,
                                    size(
                                            registry.host(),
                                            "dp-u1-bench/" + app.name() + "-generated",
                                            sha),
                                    size(
                                            registry.host(),
                                            "dp-u1-bench/" + app.name() + "-hand",
                                            sha)));
                }
            }
        }
        report.forEach(System.out::println);
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "generated-build-benchmark.txt"), report);
    }

    private static List<App> apps(Map<BaseImage, String> images) {
        return List.of(
                new App(
                        "static",
                        "",
                        Map.of("index.html", "<h1>static</h1>\n"),
                        "FROM "
                                + images.get(BaseImage.STATIC)
                                + "\n"
                                + "COPY index.html /www/\n"
                                + "EXPOSE 8080\n"
                                + "CMD [\"busybox\", \"httpd\", \"-f\", \"-p\", \"8080\", \"-h\", \"/www\"]\n",
                        List.of(TestBaseImages.Kind.STATIC),
                        false),
                new App(
                        "node",
                        "",
                        Map.of(
                                "package.json",
                                "{\"name\": \"hello\", \"version\": \"1.0.0\","
                                        + " \"scripts\": {\"start\": \"node server.js\"}}\n",
                                "server.js",
                                "require('http').createServer((q, r) => r.end('node\\n'))"
                                        + ".listen(process.env.PORT || 8080);\n"),
                        "FROM "
                                + images.get(BaseImage.NODE)
                                + "\n"
                                + "WORKDIR /app\n"
                                + "COPY . .\n"
                                + "EXPOSE 8080\n"
                                + "CMD [\"node\", \"server.js\"]\n",
                        List.of(TestBaseImages.Kind.NODE),
                        false),
                new App(
                        "node-npm",
                        "",
                        Map.of(
                                "package.json",
                                "{\"name\": \"hello\", \"version\": \"1.0.0\","
                                        + " \"dependencies\": {\"ms\": \"2.1.3\"},"
                                        + " \"scripts\": {\"start\": \"node server.js\"}}\n",
                                "server.js",
                                "const ms = require('ms');\n"
                                        + "require('http').createServer((q, r) => r.end(ms(60000)"
                                        + " + '\\n')).listen(process.env.PORT || 8080);\n"),
                        "FROM "
                                + images.get(BaseImage.NODE)
                                + "\n"
                                + "WORKDIR /app\n"
                                + "COPY . .\n"
                                + "RUN npm install\n"
                                + "EXPOSE 8080\n"
                                + "CMD [\"node\", \"server.js\"]\n",
                        List.of(TestBaseImages.Kind.NODE),
                        true),
                new App(
                        "python",
                        "",
                        Map.of(
                                "requirements.txt",
                                "# the standard library is enough\n",
                                "app.py",
                                "import http.server, os\n"
                                        + "class H(http.server.BaseHTTPRequestHandler):\n"
                                        + "    def do_GET(self):\n"
                                        + "        self.send_response(200); self.end_headers();"
                                        + " self.wfile.write(b'python\\n')\n"
                                        + "http.server.HTTPServer(('', int(os.environ.get('PORT',"
                                        + " '8080'))), H).serve_forever()\n"),
                        "FROM "
                                + images.get(BaseImage.PYTHON)
                                + "\n"
                                + "WORKDIR /app\n"
                                + "COPY . .\n"
                                + "EXPOSE 8080\n"
                                + "CMD [\"python3\", \"app.py\"]\n",
                        List.of(TestBaseImages.Kind.PYTHON),
                        false),
                new App(
                        "go",
                        "",
                        Map.of(
                                "go.mod",
                                "module example.com/hello\n\ngo 1.19\n",
                                "main.go",
                                "package main\n\nimport (\n\t\"net/http\"\n\t\"os\"\n)\n\n"
                                        + "func main() {\n"
                                        + "\tport := os.Getenv(\"PORT\")\n"
                                        + "\tif port == \"\" {\n\t\tport = \"8080\"\n\t}\n"
                                        + "\thttp.HandleFunc(\"/\", func(w http.ResponseWriter, r"
                                        + " *http.Request) { w.Write([]byte(\"go\\n\")) })\n"
                                        + "\thttp.ListenAndServe(\":\"+port, nil)\n}\n"),
                        "FROM "
                                + images.get(BaseImage.GO)
                                + " AS build\n"
                                + "WORKDIR /src\n"
                                + "COPY . .\n"
                                + "RUN CGO_ENABLED=0 go build -o /out/app .\n"
                                + "FROM "
                                + images.get(BaseImage.RUNTIME)
                                + "\n"
                                + "COPY --from=build /out/app /app\n"
                                + "EXPOSE 8080\n"
                                + "CMD [\"/app\"]\n",
                        List.of(TestBaseImages.Kind.GO, TestBaseImages.Kind.RUNTIME),
                        false),
                new App(
                        "java",
                        "java",
                        SampleJavaApp.files(),
                        "FROM "
                                + images.get(BaseImage.JDK)
                                + " AS build\n"
                                + "WORKDIR /src\n"
                                + "COPY . .\n"
                                + "RUN sh ./mvnw -B -DskipTests package\n"
                                + "FROM "
                                + images.get(BaseImage.JRE)
                                + "\n"
                                + "COPY --from=build /src/"
                                + SampleJavaApp.JAR
                                + " /app/app.jar\n"
                                + "EXPOSE 8080\n"
                                + "CMD [\"java\", \"-jar\", \"/app/app.jar\"]\n",
                        List.of(TestBaseImages.Kind.JDK, TestBaseImages.Kind.JRE),
                        true));
    }

    private static BuildRequest request(
            BareRepositoryFixture repo,
            String sha,
            String rootDirectory,
            BuildStrategy strategy,
            String dockerfilePath,
            String imageRef) {
        return new BuildRequest(
                "6f1c0b8e-0000-4000-8000-000000000001",
                "deploy-bench",
                SourceKind.INTERNAL,
                BareRepositoryFixture.NAME,
                null,
                sha,
                rootDirectory,
                dockerfilePath,
                strategy,
                null,
                null,
                null,
                imageRef);
    }

    /** The image's compressed size in the registry: its layers and config. */
    private static String size(String registry, String repository, String tag)
            throws IOException, InterruptedException {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://"
                                                                + registry
                                                                + "/v2/"
                                                                + repository
                                                                + "/manifests/"
                                                                + tag))
                                        .header(
                                                "Accept",
                                                "application/vnd.docker.distribution.manifest.v2+json,"
                                                        + " application/vnd.oci.image.manifest.v1+json")
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        JsonNode manifest = JSON.readTree(response.body());
        long bytes = manifest.path("config").path("size").asLong();
        for (JsonNode layer : manifest.path("layers")) {
            bytes += layer.path("size").asLong();
        }
        return String.format("%.1f MB", bytes / 1e6);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
