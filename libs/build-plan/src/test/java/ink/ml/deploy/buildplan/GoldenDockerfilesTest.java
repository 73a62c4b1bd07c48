package ink.ml.deploy.buildplan;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.domain.BuildStrategy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated Dockerfiles, compared with the expected ones committed under {@code golden/}. After
 * a deliberate template change, regenerate them with {@code -Dgolden.update=true} and review the
 * diff.
 */
class GoldenDockerfilesTest {
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TempDir Path checkout;

    static Stream<Arguments> apps() {
        return Stream.of(
                Arguments.of(
                        "node-npm-server",
                        BuildOptions.auto(),
                        Fixtures.files(
                                "package.json",
                                """
                                {"name": "web", "engines": {"node": ">=20"},
                                 "scripts": {"build": "tsc", "start": "node dist/server.js"}}
                                """,
                                "package-lock.json",
                                "{}")),
                Arguments.of(
                        "node-pnpm-vite-static-export",
                        BuildOptions.auto(),
                        Fixtures.files(
                                "package.json",
                                """
                                {"name": "site", "scripts": {"dev": "vite", "build": "vite build"},
                                 "devDependencies": {"vite": "^5.0.0"}}
                                """,
                                "pnpm-lock.yaml",
                                "lockfileVersion: '9.0'\n",
                                "index.html",
                                "<!doctype html>")),
                Arguments.of(
                        "python-requirements-gunicorn",
                        BuildOptions.auto(),
                        Fixtures.files(
                                "requirements.txt",
                                "flask==3.0.0\ngunicorn==22.0.0\n",
                                "app.py",
                                "from flask import Flask\napp = Flask(__name__)\n",
                                ".python-version",
                                "3.12\n")),
                Arguments.of(
                        "python-uv-fastapi",
                        BuildOptions.auto(),
                        Fixtures.files(
                                "pyproject.toml",
                                """
                                [project]
                                name = "api"
                                requires-python = ">=3.11"
                                dependencies = [
                                    "fastapi>=0.110",
                                    "uvicorn[standard]>=0.29",
                                ]
                                """,
                                "uv.lock",
                                "version = 1\n",
                                "main.py",
                                "from fastapi import FastAPI\napp = FastAPI()\n")),
                Arguments.of(
                        "python-script",
                        BuildOptions.auto(),
                        Fixtures.files("app.py", "import http.server\n")),
                Arguments.of(
                        "go-cmd",
                        BuildOptions.auto(),
                        Fixtures.files(
                                "go.mod",
                                "module example.com/shop\n\ngo 1.22\n",
                                "go.sum",
                                "",
                                "cmd/shop/main.go",
                                "package main\n\nfunc main() {}\n")),
                Arguments.of(
                        "static-root",
                        BuildOptions.auto(),
                        Fixtures.files("index.html", "<!doctype html>", "style.css", "")),
                Arguments.of(
                        "static-public",
                        new BuildOptions(BuildStrategy.STATIC, null, null, null, null),
                        Fixtures.files("public/index.html", "<!doctype html>")),
                Arguments.of(
                        "java-maven",
                        BuildOptions.auto(),
                        Fixtures.files(
                                "pom.xml",
                                "<project><properties><java.version>21</java.version></properties></project>",
                                "mvnw",
                                "#!/bin/sh\n")),
                Arguments.of(
                        "java-gradle-start-command",
                        new BuildOptions(
                                BuildStrategy.JAVA,
                                null,
                                null,
                                null,
                                "java -jar build/libs/app.jar --server.port=$PORT"),
                        Fixtures.files(
                                "build.gradle.kts",
                                "java { toolchain { languageVersion.set(JavaLanguageVersion.of(17)) } }",
                                "gradlew",
                                "#!/bin/sh\n")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void generatedDockerfileMatchesGolden(
            String name, BuildOptions options, Map<String, String> files) throws IOException {
        Fixtures.write(checkout, files);

        GeneratedBuild build =
                (GeneratedBuild) new BuildPlanner(Fixtures.IMAGES).decide(checkout, options);

        String resource = "golden/" + name + ".Dockerfile";
        if (UPDATE) {
            Path golden = Path.of("src/test/resources", resource);
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, build.dockerfile());
        }
        try (InputStream expected = getClass().getClassLoader().getResourceAsStream(resource)) {
            assertThat(expected).as("golden file %s", resource).isNotNull();
            assertThat(build.dockerfile())
                    .isEqualTo(new String(expected.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
