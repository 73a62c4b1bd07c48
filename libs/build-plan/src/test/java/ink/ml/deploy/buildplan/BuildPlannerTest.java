package ink.ml.deploy.buildplan;

import static ink.ml.deploy.buildplan.Fixtures.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.BuildStrategy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Detection, table-driven: each row is a small checkout, the service's build settings, and either
 * the plan expected (language, install, build, start, and words its reasons must contain), the
 * repository's Dockerfile, or the refusal's words.
 */
class BuildPlannerTest {
    @TempDir Path root;

    /** One row. {@code context} is the root directory inside the fixture ("" for its root). */
    record Case(
            String name,
            Map<String, String> files,
            String context,
            BuildOptions options,
            Expected expected) {
        @Override
        public String toString() {
            return name;
        }

        Case in(String directory) {
            return new Case(name, files, directory, options, expected);
        }
    }

    sealed interface Expected {}

    record Plans(
            Language language,
            String version,
            String install,
            String build,
            String start,
            List<String> reasonWords)
            implements Expected {}

    record UsesDockerfile(String path) implements Expected {}

    record Refused(List<String> words) implements Expected {}

    private static final String PACKAGE_WITH_START =
            "{\"name\": \"web\", \"scripts\": {\"start\": \"node server.js\"}}";
    private static final String GUNICORN_APP = "from flask import Flask\napp = Flask(__name__)\n";

    static Stream<Case> cases() {
        return Stream.of(
                // Strategies
                row(
                        "dockerfile strategy builds the repository's Dockerfile unseen",
                        files("package.json", PACKAGE_WITH_START),
                        options(BuildStrategy.DOCKERFILE),
                        new UsesDockerfile("Dockerfile")),
                row(
                        "auto prefers a Dockerfile over package.json",
                        files("Dockerfile", "FROM scratch\n", "package.json", PACKAGE_WITH_START),
                        BuildOptions.auto(),
                        new UsesDockerfile("Dockerfile")),
                row(
                        "auto finds the Dockerfile at the configured path",
                        files("docker/web.Dockerfile", "FROM scratch\n", "index.html", "<html>"),
                        new BuildOptions(
                                BuildStrategy.AUTO, "docker/web.Dockerfile", null, null, null),
                        new UsesDockerfile("docker/web.Dockerfile")),
                row(
                        "auto detects when the Dockerfile path is a directory",
                        files("Dockerfile/", "", "index.html", "<html>"),
                        BuildOptions.auto(),
                        plans(
                                Language.STATIC,
                                null,
                                null,
                                null,
                                StaticRules.serveCommand(),
                                "no Dockerfile at Dockerfile")),
                row(
                        "node strategy ignores a Dockerfile next to package.json",
                        files("Dockerfile", "FROM scratch\n", "package.json", PACKAGE_WITH_START),
                        options(BuildStrategy.NODE),
                        plans(
                                Language.NODE,
                                null,
                                "npm install",
                                null,
                                "npm start",
                                "package.json: a Node app")),
                row(
                        "node strategy without package.json says what is missing",
                        files("index.html", "<html>"),
                        options(BuildStrategy.NODE),
                        refused("build: node needs a package.json")),
                row(
                        "python strategy without Python files lists what it looked for",
                        files("package.json", PACKAGE_WITH_START),
                        options(BuildStrategy.PYTHON),
                        refused("build: python needs one of", "requirements.txt", "main.py")),
                row(
                        "go strategy without go.mod says how to make one",
                        files("main.go", "package main\n"),
                        options(BuildStrategy.GO),
                        refused("go.mod", "go mod init")),
                row(
                        "java strategy without build files names both wrappers",
                        files("Main.java", "class Main {}"),
                        options(BuildStrategy.JAVA),
                        refused("Maven wrapper (mvnw", "Gradle wrapper (gradlew")),
                row(
                        "static strategy without index.html says where it looked",
                        files("README.md", "hi"),
                        options(BuildStrategy.STATIC),
                        refused("index.html", "public/, dist/ or build/", "staticDirectory")),

                // Precedence under auto
                row(
                        "Python wins over package.json and says why",
                        files(
                                "package.json",
                                PACKAGE_WITH_START,
                                "requirements.txt",
                                "gunicorn\n",
                                "app.py",
                                GUNICORN_APP),
                        BuildOptions.auto(),
                        plans(
                                Language.PYTHON,
                                null,
                                "pip install -r requirements.txt",
                                null,
                                "gunicorn --bind 0.0.0.0:$PORT app:app",
                                "detected Python from requirements.txt",
                                "also found Node (package.json)",
                                "set build: <language>")),
                row(
                        "package.json with a build wins over a root index.html as a static export",
                        files(
                                "package.json",
                                "{\"scripts\": {\"build\": \"vite build\"}, \"devDependencies\": {\"vite\": \"5\"}}",
                                "index.html",
                                "<html>"),
                        BuildOptions.auto(),
                        plans(
                                Language.NODE,
                                null,
                                "npm install",
                                "npm run build",
                                StaticRules.serveCommand(),
                                "also found Static site (index.html)",
                                "the build writes the site to dist/")),
                row(
                        "package.json with nothing to run falls through to the static site",
                        files(
                                "package.json",
                                "{\"devDependencies\": {\"prettier\": \"3\"}}",
                                "index.html",
                                "<html>"),
                        BuildOptions.auto(),
                        plans(
                                Language.STATIC,
                                null,
                                null,
                                null,
                                StaticRules.serveCommand(),
                                "Node was skipped: package.json has nothing to start or build")),
                row(
                        "package.json with nothing to run falls through to a Python script",
                        files(
                                "package.json",
                                "{\"devDependencies\": {\"prettier\": \"3\"}}",
                                "app.py",
                                "print('hi')\n"),
                        BuildOptions.auto(),
                        plans(
                                Language.PYTHON,
                                null,
                                null,
                                null,
                                "python app.py",
                                "Node was skipped")),
                row(
                        "Go wins over package.json",
                        files(
                                "go.mod",
                                "module example.com/api\n\ngo 1.21\n",
                                "main.go",
                                "package main\nfunc main() {}\n",
                                "package.json",
                                PACKAGE_WITH_START),
                        BuildOptions.auto(),
                        plans(
                                Language.GO,
                                "1.21",
                                null,
                                "go build -trimpath -ldflags=\"-s -w\" -o /out/server .",
                                "/app/server",
                                "detected Go from go.mod")),
                row(
                        "Java wins over a front-end's package.json",
                        files(
                                "pom.xml",
                                "<project/>",
                                "mvnw",
                                "#!/bin/sh\n",
                                "package.json",
                                PACKAGE_WITH_START),
                        BuildOptions.auto(),
                        plans(
                                Language.JAVA,
                                null,
                                null,
                                "sh ./mvnw -B -DskipTests package",
                                "java $JAVA_OPTS -Dserver.port=$PORT -Dquarkus.http.port=$PORT -jar /app/app.jar",
                                "also found Node")),
                row(
                        "package.json wins over a Python script without a manifest",
                        files("package.json", PACKAGE_WITH_START, "main.py", "print('hi')\n"),
                        BuildOptions.auto(),
                        plans(
                                Language.NODE,
                                null,
                                "npm install",
                                null,
                                "npm start",
                                "also found Python (main.py)")),

                // Monorepos: the root directory is the build context
                row(
                        "monorepo root without an app suggests the root directories below",
                        files(
                                "apps/web/package.json",
                                PACKAGE_WITH_START,
                                "services/api/go.mod",
                                "module api\n",
                                "node_modules/x/package.json",
                                "{}",
                                "README.md",
                                "monorepo"),
                        BuildOptions.auto(),
                        refused(
                                "nothing to build found in the root directory",
                                "apps/web/ (package.json)",
                                "services/api/ (go.mod)",
                                "set the service's root directory")),
                row(
                                "monorepo app builds from its root directory",
                                files(
                                        "apps/web/package.json",
                                        PACKAGE_WITH_START,
                                        "apps/web/package-lock.json",
                                        "{}",
                                        "services/api/go.mod",
                                        "module api\n"),
                                BuildOptions.auto(),
                                plans(
                                        Language.NODE,
                                        null,
                                        "npm ci",
                                        null,
                                        "npm start",
                                        "detected Node from package.json"))
                        .in("apps/web"),

                // Node
                row(
                        "broken package.json names the file and the parse problem",
                        files(
                                "package.json",
                                "{\"name\": \"web\",\n \"scripts\": {\"start\": }\n}"),
                        BuildOptions.auto(),
                        refused("package.json is not valid JSON (line 2", "Unexpected character")),
                row(
                        "package.json that is not an object is refused",
                        files("package.json", "[1, 2]"),
                        options(BuildStrategy.NODE),
                        refused("package.json must be a JSON object")),
                row(
                        "package.json without a start command says how to add one",
                        files(
                                "package.json",
                                "{\"name\": \"lib\", \"scripts\": {\"test\": \"jest\"}}"),
                        options(BuildStrategy.NODE),
                        refused(
                                "no start script", "none of server.js, index.js, app.js",
                                "\"start\": \"node <your entry file>\"", "startCommand")),
                row(
                        "package-lock.json installs with npm ci",
                        files("package.json", PACKAGE_WITH_START, "package-lock.json", "{}"),
                        BuildOptions.auto(),
                        plans(
                                Language.NODE,
                                null,
                                "npm ci",
                                null,
                                "npm start",
                                "package manager: npm, from package-lock.json",
                                "package.json, package-lock.json copied first")),
                row(
                        "npm-shrinkwrap.json installs with npm ci",
                        files("package.json", PACKAGE_WITH_START, "npm-shrinkwrap.json", "{}"),
                        BuildOptions.auto(),
                        plans(
                                Language.NODE,
                                null,
                                "npm ci",
                                null,
                                "npm start",
                                "from npm-shrinkwrap.json")),
                row(
                        "pnpm-lock.yaml installs with pnpm through corepack",
                        files(
                                "package.json",
                                PACKAGE_WITH_START,
                                "pnpm-lock.yaml",
                                "lockfileVersion: 9\n"),
                        BuildOptions.auto(),
                        plans(
                                Language.NODE,
                                null,
                                "corepack pnpm install --frozen-lockfile",
                                null,
                                "npm start",
                                "package manager: pnpm, from pnpm-lock.yaml",
                                "runs through corepack")),
                row(
                        "yarn.lock installs with yarn's frozen lockfile",
                        files("package.json", PACKAGE_WITH_START, "yarn.lock", "# yarn\n"),
                        BuildOptions.auto(),
                        plans(
                                Language.NODE,
                                null,
                                "corepack yarn install --frozen-lockfile",
                                null,
                                "npm start",
                                "package manager: yarn, from yarn.lock")),
                row(
                        "yarn berry installs immutably with the whole source",
                        files(
                                "package.json",
                                PACKAGE_WITH_START,
                                "yarn.lock",
                                "__metadata:\n",
                                ".yarnrc.yml",
                                "nodeLinker: node-modules\n"),
                        BuildOptions.auto(),
                        plans(
                                Language.NODE,
                                null,
                                "corepack yarn install --immutable",
                                null,
                                "npm start",
                                ".yarnrc.yml may point into .yarn/")),
                row(
                        "no lockfile installs with npm install and asks for one",
                        files("package.json", PACKAGE_WITH_START),
                        BuildOptions.auto(),
                        plans(
                                Language.NODE,
                                null,
                                "npm install",
                                null,
                                "npm start",
                                "no lockfile: commit package-lock.json")),
                row(
                        "several lockfiles: packageManager in package.json chooses",
                        files(
                                "package.json",
                                "{\"packageManager\": \"npm@10.8.0\", \"scripts\": {\"start\": \"node s.js\"}}",
                                "package-lock.json",
                                "{}",
                                "yarn.lock",
                                "# yarn\n"),
                        BuildOptions.auto(),
                        plans(
                                Language.NODE,
                                null,
                                "npm ci",
                                null,
                                "npm start",
                                "packageManager in package.json chose it",
                                "delete the stale ones")),
                row(
                        "several lockfiles without packageManager: pnpm, then yarn, then npm",
                        files(
                                "package.json",
                                PACKAGE_WITH_START,
                                "package-lock.json",
                                "{}",
                                "pnpm-lock.yaml",
                                "lockfileVersion: 9\n"),
                        BuildOptions.auto(),
                        plans(
                                Language.NODE,
                                null,
                                "corepack pnpm install --frozen-lockfile",
                                null,
                                "npm start",
                                "pnpm, then yarn, then npm")),
                row(
                        "engines.node is the version",
                        files(
                                "package.json",
                                "{\"engines\": {\"node\": \"20.x\"}, \"scripts\": {\"start\": \"node s.js\"}}"),
                        BuildOptions.auto(),
                        plans(
                                Language.NODE,
                                "20.x",
                                "npm install",
                                null,
                                "npm start",
                                "engines.node \"20.x\"")),
                row(
                        "main starts the app when there is no start script",
                        files("package.json", "{\"main\": \"src/server.js\"}", "src/server.js", ""),
                        BuildOptions.auto(),
                        plans(
                                Language.NODE,
                                null,
                                "npm install",
                                null,
                                "node src/server.js",
                                "start: main in package.json")),
                row(
                        "main that the build writes starts the app",
                        files(
                                "package.json",
                                "{\"main\": \"dist/my server.js\", \"scripts\": {\"build\": \"tsc\"}}"),
                        BuildOptions.auto(),
                        plans(
                                Language.NODE,
                                null,
                                "npm install",
                                "npm run build",
                                "node 'dist/my server.js'",
                                "which the build writes")),
                row(
                        "index.js starts the app without start script or main",
                        files("package.json", "{\"name\": \"x\"}", "index.js", ""),
                        BuildOptions.auto(),
                        plans(
                                Language.NODE,
                                null,
                                "npm install",
                                null,
                                "node index.js",
                                "the first of server.js, index.js, app.js")),
                row(
                        "server.js wins over index.js",
                        files("package.json", "{\"name\": \"x\"}", "index.js", "", "server.js", ""),
                        BuildOptions.auto(),
                        plans(
                                Language.NODE,
                                null,
                                "npm install",
                                null,
                                "node server.js",
                                "start: server.js")),
                row(
                        "create-react-app's dev server start is replaced by its static build",
                        files(
                                "package.json",
                                "{\"dependencies\": {\"react-scripts\": \"5\"}, \"scripts\": {\"start\": \"react-scripts start\", \"build\": \"react-scripts build\"}}"),
                        BuildOptions.auto(),
                        plans(
                                Language.NODE,
                                null,
                                "npm install",
                                "npm run build",
                                StaticRules.serveCommand(),
                                "runs a development server",
                                "writes the site to build/")),
                row(
                        "Next.js with output export is a static export into out/",
                        files(
                                "package.json",
                                "{\"dependencies\": {\"next\": \"14\"}, \"scripts\": {\"build\": \"next build\"}}",
                                "next.config.mjs",
                                "export default { output: 'export' };\n"),
                        BuildOptions.auto(),
                        plans(
                                Language.NODE,
                                null,
                                "npm install",
                                "npm run build",
                                StaticRules.serveCommand(),
                                "writes the site to out/")),
                row(
                        "an unknown framework's build is searched in out/, dist/, build/",
                        files("package.json", "{\"scripts\": {\"build\": \"make-site\"}}"),
                        BuildOptions.auto(),
                        plans(
                                Language.NODE,
                                null,
                                "npm install",
                                "npm run build",
                                StaticRules.serveCommand(),
                                "the first of out/, dist/, build/")),
                row(
                        "install scripts make the install copy the whole source",
                        files(
                                "package.json",
                                "{\"scripts\": {\"start\": \"node s.js\", \"postinstall\": \"prisma generate\"}}",
                                "package-lock.json",
                                "{}"),
                        BuildOptions.auto(),
                        plans(
                                Language.NODE,
                                null,
                                "npm ci",
                                null,
                                "npm start",
                                "scripts.postinstall runs during the install")),

                // Procfile and the service's commands
                row(
                        "Procfile web: overrides Node's start script",
                        files(
                                "package.json",
                                PACKAGE_WITH_START,
                                "Procfile",
                                "release: npm run migrate\nweb: node cluster.js --port $PORT\n"),
                        BuildOptions.auto(),
                        plans(
                                Language.NODE,
                                null,
                                "npm install",
                                null,
                                "node cluster.js --port $PORT",
                                "start: the Procfile's web: process (it wins over detection)")),
                row(
                        "Procfile web: gives a package.json without start a command",
                        files(
                                "package.json",
                                "{\"name\": \"x\"}",
                                "Procfile",
                                "web: node worker.js\n"),
                        BuildOptions.auto(),
                        plans(
                                Language.NODE,
                                null,
                                "npm install",
                                null,
                                "node worker.js",
                                "Procfile's web: process")),
                row(
                        "Procfile web: overrides Python's detection",
                        files(
                                "requirements.txt",
                                "gunicorn\n",
                                "Procfile",
                                "web: gunicorn --workers 4 shop.wsgi\n"),
                        BuildOptions.auto(),
                        plans(
                                Language.PYTHON,
                                null,
                                "pip install -r requirements.txt",
                                null,
                                "gunicorn --workers 4 shop.wsgi",
                                "Procfile's web: process")),
                row(
                        "Procfile web: overrides Go's binary",
                        files(
                                "go.mod",
                                "module m\n",
                                "main.go",
                                "package main\n",
                                "Procfile",
                                "web: /app/server -listen :$PORT\n"),
                        BuildOptions.auto(),
                        plans(
                                Language.GO,
                                null,
                                null,
                                "go build -trimpath -ldflags=\"-s -w\" -o /out/server .",
                                "/app/server -listen :$PORT",
                                "Procfile's web: process")),
                row(
                        "the service's startCommand wins over the Procfile",
                        files("package.json", PACKAGE_WITH_START, "Procfile", "web: node a.js\n"),
                        new BuildOptions(BuildStrategy.AUTO, null, null, null, "node b.js"),
                        plans(
                                Language.NODE,
                                null,
                                "npm install",
                                null,
                                "node b.js",
                                "the service's startCommand (it wins over the Procfile's web:")),
                row(
                        "the service's install and build commands win over detection",
                        files(
                                "package.json",
                                "{\"scripts\": {\"start\": \"node s.js\", \"build\": \"tsc\"}}",
                                "package-lock.json",
                                "{}"),
                        new BuildOptions(
                                BuildStrategy.NODE,
                                null,
                                "npm ci --omit=optional",
                                "npm run build:prod",
                                null),
                        plans(
                                Language.NODE,
                                null,
                                "npm ci --omit=optional",
                                "npm run build:prod",
                                "npm start",
                                "install: the service's installCommand instead of the detected \"npm ci\"",
                                "build: the service's buildCommand instead of the detected \"npm run build\"",
                                "the installCommand may read any file")),
                row(
                        "a start command with a newline is refused",
                        files("package.json", PACKAGE_WITH_START),
                        new BuildOptions(
                                BuildStrategy.AUTO, null, null, null, "npm start\nRUN curl evil"),
                        refused("startCommand must be a single line", "U+000A")),
                row(
                        "a build command's trailing carriage return is trimmed",
                        files("package.json", PACKAGE_WITH_START),
                        new BuildOptions(BuildStrategy.AUTO, null, null, "npm run build\r", null),
                        plans(
                                Language.NODE,
                                null,
                                "npm install",
                                "npm run build",
                                "npm start",
                                "build: the service's buildCommand")),
                row(
                        "a Procfile web: with a control character is refused",
                        files(
                                "package.json",
                                PACKAGE_WITH_START,
                                "Procfile",
                                "web: node s.js\u0007\n"),
                        BuildOptions.auto(),
                        refused("the Procfile's web: command must be a single line")),
                row(
                        "an empty Procfile web: is refused",
                        files("package.json", PACKAGE_WITH_START, "Procfile", "web:\n"),
                        BuildOptions.auto(),
                        refused("web: process has no command")),
                row(
                        "a compound start command runs without exec and says so",
                        files("package.json", PACKAGE_WITH_START),
                        new BuildOptions(
                                BuildStrategy.AUTO,
                                null,
                                null,
                                null,
                                "npm run migrate && npm start"),
                        plans(
                                Language.NODE,
                                null,
                                "npm install",
                                null,
                                "npm run migrate && npm start",
                                "runs under /bin/sh without exec")),

                // Python
                row(
                        "gunicorn serves the Flask app in app.py",
                        files(
                                "requirements.txt",
                                "Flask==3.0\ngunicorn[gevent]>=21 ; python_version > '3'\n",
                                "app.py",
                                GUNICORN_APP,
                                "runtime.txt",
                                "python-3.11.9\n"),
                        BuildOptions.auto(),
                        plans(
                                Language.PYTHON,
                                "3.11.9",
                                "pip install -r requirements.txt",
                                null,
                                "gunicorn --bind 0.0.0.0:$PORT app:app",
                                "the WSGI app is app:app",
                                "from runtime.txt")),
                row(
                        "gunicorn serves Django's wsgi module",
                        files(
                                "requirements.txt",
                                "django\ngunicorn\n",
                                "manage.py",
                                "",
                                "mysite/wsgi.py",
                                "application = get_wsgi_application()\n"),
                        BuildOptions.auto(),
                        plans(
                                Language.PYTHON,
                                null,
                                "pip install -r requirements.txt",
                                null,
                                "gunicorn --bind 0.0.0.0:$PORT mysite.wsgi:application",
                                "Django's wsgi.py")),
                row(
                        "gunicorn serves a Flask app factory",
                        files(
                                "requirements.txt",
                                "flask\ngunicorn\n",
                                "wsgi.py",
                                "def create_app():\n    pass\n"),
                        BuildOptions.auto(),
                        plans(
                                Language.PYTHON,
                                null,
                                "pip install -r requirements.txt",
                                null,
                                "gunicorn --bind 0.0.0.0:$PORT 'wsgi:create_app()'",
                                "the WSGI app is wsgi:create_app()")),
                row(
                        "gunicorn without a recognisable app says what to set",
                        files("requirements.txt", "gunicorn\n", "service.py", "x = 1\n"),
                        BuildOptions.auto(),
                        refused(
                                "gunicorn is a dependency but no app was found",
                                "none exists",
                                "startCommand")),
                row(
                        "uvicorn serves the FastAPI app from pyproject dependencies",
                        files(
                                "pyproject.toml",
                                "[project]\nname = \"api\"\nrequires-python = \">=3.12\"\ndependencies = [\"fastapi\", \"uvicorn>=0.29\", \"gunicorn\"]\n",
                                "app/main.py",
                                "from fastapi import FastAPI\napp = FastAPI()\n"),
                        BuildOptions.auto(),
                        plans(
                                Language.PYTHON,
                                ">=3.12",
                                "pip install fastapi 'uvicorn>=0.29' gunicorn",
                                null,
                                "uvicorn app.main:app --host 0.0.0.0 --port $PORT",
                                "no [build-system]")),
                row(
                        "poetry installs from poetry.lock",
                        files(
                                "pyproject.toml",
                                "[tool.poetry]\nname = \"x\"\n\n[tool.poetry.dependencies]\npython = \"^3.11\"\nuvicorn = { version = \"^0.29\", extras = [\"standard\"] }\n",
                                "poetry.lock",
                                "# lock\n",
                                "main.py",
                                "app = object()\n"),
                        BuildOptions.auto(),
                        plans(
                                Language.PYTHON,
                                "^3.11",
                                "pip install poetry && poetry install --only main --no-root --no-interaction",
                                null,
                                "uvicorn main:app --host 0.0.0.0 --port $PORT",
                                "install: poetry, from poetry.lock")),
                row(
                        "uv installs from uv.lock",
                        files(
                                "pyproject.toml",
                                "[project]\nname = \"x\"\ndependencies = []\n",
                                "uv.lock",
                                "version = 1\n",
                                "main.py",
                                "print()\n",
                                ".python-version",
                                "3.13\n"),
                        BuildOptions.auto(),
                        plans(
                                Language.PYTHON,
                                "3.13",
                                "pip install uv && uv sync --locked --no-dev",
                                null,
                                "python main.py",
                                "install: uv, from uv.lock")),
                row(
                        "pipenv installs from the Pipfile and its lock",
                        files(
                                "Pipfile",
                                "[packages]\ngunicorn = \"*\"\n\n[requires]\npython_version = \"3.12\"\n",
                                "Pipfile.lock",
                                "{}",
                                "app.py",
                                GUNICORN_APP),
                        BuildOptions.auto(),
                        plans(
                                Language.PYTHON,
                                "3.12",
                                "pip install pipenv && pipenv install --deploy --system",
                                null,
                                "gunicorn --bind 0.0.0.0:$PORT app:app",
                                "install: pipenv, from the Pipfile and Pipfile.lock")),
                row(
                        "a packaged project installs itself",
                        files(
                                "pyproject.toml",
                                "[build-system]\nrequires = [\"hatchling\"]\n\n[project]\nname = \"x\"\n",
                                "main.py",
                                ""),
                        BuildOptions.auto(),
                        plans(
                                Language.PYTHON,
                                null,
                                "pip install .",
                                null,
                                "python main.py",
                                "[build-system] in pyproject.toml")),
                row(
                        "requirements.txt with includes copies the source before installing",
                        files(
                                "requirements.txt",
                                "-r base.txt\n",
                                "base.txt",
                                "flask\n",
                                "main.py",
                                ""),
                        BuildOptions.auto(),
                        plans(
                                Language.PYTHON,
                                null,
                                "pip install -r requirements.txt",
                                null,
                                "python main.py",
                                "install: pip, from requirements.txt")),
                row(
                        "a Python app without a start says how to add one",
                        files("requirements.txt", "requests\n", "worker.py", ""),
                        BuildOptions.auto(),
                        refused("no start command for the Python app", "Procfile")),

                // Go
                row(
                        "Go builds the module-named command among several",
                        files(
                                "go.mod",
                                "module github.com/acme/shop\n\ngo 1.22.1\n",
                                "cmd/migrate/main.go",
                                "package main\n",
                                "cmd/shop/main.go",
                                "package main\n",
                                "cmd/shop/main_test.go",
                                "package main\n"),
                        BuildOptions.auto(),
                        plans(
                                Language.GO,
                                "1.22.1",
                                null,
                                "go build -trimpath -ldflags=\"-s -w\" -o /out/server ./cmd/shop",
                                "/app/server",
                                "named like the module")),
                row(
                        "Go picks the first command by name and tells how to build another",
                        files(
                                "go.mod",
                                "module example.com/tools\n",
                                "cmd/b/main.go",
                                "package main\n",
                                "cmd/a/main.go",
                                "package main\n",
                                "cmd/lib/lib.go",
                                "package lib\n"),
                        BuildOptions.auto(),
                        plans(
                                Language.GO,
                                null,
                                null,
                                "go build -trimpath -ldflags=\"-s -w\" -o /out/server ./cmd/a",
                                "/app/server",
                                "the first by name of cmd/a, cmd/b",
                                "go build -o /out/server ./cmd/<name>")),
                row(
                        "Go downloads modules listed in go.sum",
                        files(
                                "go.mod",
                                "module m\n",
                                "go.sum",
                                "x v1 h1:\n",
                                "main.go",
                                "package main\n"),
                        BuildOptions.auto(),
                        plans(
                                Language.GO,
                                null,
                                "go mod download",
                                "go build -trimpath -ldflags=\"-s -w\" -o /out/server .",
                                "/app/server",
                                "install: go mod download, with go.mod and go.sum copied first")),
                row(
                        "Go with vendored modules installs nothing",
                        files(
                                "go.mod",
                                "module m\n",
                                "go.sum",
                                "x\n",
                                "vendor/modules.txt",
                                "",
                                "main.go",
                                "package main\n"),
                        BuildOptions.auto(),
                        plans(
                                Language.GO,
                                null,
                                null,
                                "go build -trimpath -ldflags=\"-s -w\" -o /out/server .",
                                "/app/server",
                                "vendored")),
                row(
                        "Go without a main package is refused",
                        files("go.mod", "module m\n", "lib.go", "package lib\n"),
                        BuildOptions.auto(),
                        refused("no main package", "cmd/<name>/", "buildCommand")),

                // Static
                row(
                        "a Staticfile's root: names the site's directory",
                        files("Staticfile", "root: site\n", "site/index.html", "<html>"),
                        BuildOptions.auto(),
                        plans(
                                Language.STATIC,
                                null,
                                null,
                                null,
                                StaticRules.serveCommand(),
                                "site/, the Staticfile's root:")),
                row(
                        "the service's staticDirectory names the site's directory",
                        files("web/index.html", "<html>", "index.html", "<html>"),
                        new BuildOptions(
                                BuildStrategy.STATIC, null, null, null, null, "./web/", 8080),
                        plans(
                                Language.STATIC,
                                null,
                                null,
                                null,
                                StaticRules.serveCommand(),
                                "web/, the service's staticDirectory")),
                row(
                        "a staticDirectory leading out of the root directory is refused",
                        files("index.html", "<html>"),
                        new BuildOptions(
                                BuildStrategy.STATIC, null, null, null, null, "../etc", 8080),
                        refused("staticDirectory must be a relative directory inside")),
                row(
                        "a staticDirectory without index.html is refused",
                        files("index.html", "<html>", "web/about.html", ""),
                        new BuildOptions(BuildStrategy.STATIC, null, null, null, null, "web", 8080),
                        refused("names web/, which has no index.html")),
                row(
                        "a built site in dist/ is served",
                        files("dist/index.html", "<html>"),
                        BuildOptions.auto(),
                        plans(
                                Language.STATIC,
                                null,
                                null,
                                null,
                                StaticRules.serveCommand(),
                                "site: dist/index.html")),
                row(
                        "a static site refuses a build command",
                        files("index.html", "<html>"),
                        new BuildOptions(BuildStrategy.STATIC, null, null, "make", null),
                        refused("installCommand and buildCommand cannot run", "build: node")),

                // Java
                row(
                        "the Gradle wrapper assembles the jar",
                        files(
                                "build.gradle",
                                "java { sourceCompatibility = JavaVersion.VERSION_17 }",
                                "gradlew",
                                "#!/bin/sh\n"),
                        BuildOptions.auto(),
                        plans(
                                Language.JAVA,
                                "17",
                                null,
                                "sh ./gradlew --no-daemon assemble",
                                "java $JAVA_OPTS -Dserver.port=$PORT -Dquarkus.http.port=$PORT -jar /app/app.jar",
                                "gradlew: the Gradle wrapper",
                                "build/libs/")),
                row(
                        "a Maven project without the wrapper says how to add it",
                        files("pom.xml", "<project/>"),
                        BuildOptions.auto(),
                        refused(
                                "pom.xml found, but no Maven wrapper (mvnw)",
                                "mvn wrapper:wrapper")),
                row(
                        "a Gradle project without the wrapper says how to add it",
                        files("settings.gradle.kts", "", "build.gradle.kts", ""),
                        BuildOptions.auto(),
                        refused("no Gradle wrapper (gradlew)", "gradle wrapper")),
                row(
                        "the Maven version comes from maven.compiler.release",
                        files(
                                "pom.xml",
                                "<project><properties><maven.compiler.release>21</maven.compiler.release></properties></project>",
                                "mvnw",
                                ""),
                        options(BuildStrategy.JAVA),
                        plans(
                                Language.JAVA,
                                "21",
                                null,
                                "sh ./mvnw -B -DskipTests package",
                                "java $JAVA_OPTS -Dserver.port=$PORT -Dquarkus.http.port=$PORT -jar /app/app.jar",
                                "version: Java 21 from pom.xml")),

                // Nothing at all
                row(
                        "an empty checkout lists everything auto looked for",
                        files("README.md", "hello"),
                        BuildOptions.auto(),
                        refused(
                                "no Dockerfile at Dockerfile",
                                "go.mod (Go)",
                                "(Java)",
                                "requirements.txt",
                                "package.json (Node)",
                                "(static site)",
                                "choose build: node, python, go, static or java")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(Case row) {
        Fixtures.write(root, row.files());
        Path context = root.resolve(row.context());
        BuildPlanner planner = new BuildPlanner(Fixtures.IMAGES);

        if (row.expected() instanceof UsesDockerfile dockerfile) {
            assertThat(planner.decide(context, row.options()))
                    .isEqualTo(new RepositoryDockerfile(dockerfile.path()));
        } else if (row.expected() instanceof Refused refused) {
            assertThatThrownBy(() -> planner.decide(context, row.options()))
                    .isInstanceOf(NothingDetectedException.class)
                    .message()
                    .contains(refused.words());
        } else {
            Plans plans = (Plans) row.expected();
            BuildDecision decision = planner.decide(context, row.options());
            assertThat(decision).isInstanceOf(GeneratedBuild.class);
            BuildPlan plan = ((GeneratedBuild) decision).plan();
            assertThat(plan.language()).isEqualTo(plans.language());
            assertThat(plan.version()).isEqualTo(plans.version());
            assertThat(plan.install()).isEqualTo(plans.install());
            assertThat(plan.build()).isEqualTo(plans.build());
            assertThat(plan.start()).isEqualTo(plans.start());
            assertThat(plan.port()).isEqualTo(row.options().port());
            assertThat(String.join("\n", plan.reasons())).contains(plans.reasonWords());
        }
    }

    private static Case row(
            String name, Map<String, String> files, BuildOptions options, Expected expected) {
        return new Case(name, files, "", options, expected);
    }

    private static BuildOptions options(BuildStrategy strategy) {
        return new BuildOptions(strategy, null, null, null, null);
    }

    /** At least one reason's words: every rule that decides explains itself. */
    private static Plans plans(
            Language language,
            String version,
            String install,
            String build,
            String start,
            String reasonWords,
            String... moreReasonWords) {
        List<String> words = new java.util.ArrayList<>(List.of(reasonWords));
        words.addAll(List.of(moreReasonWords));
        return new Plans(language, version, install, build, start, words);
    }

    private static Refused refused(String... words) {
        return new Refused(List.of(words));
    }
}
