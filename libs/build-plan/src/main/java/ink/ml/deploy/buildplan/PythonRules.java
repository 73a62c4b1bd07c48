package ink.ml.deploy.buildplan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How a Python app is installed (into a virtual environment) and started: a Procfile's web:, else
 * gunicorn (WSGI) or uvicorn (ASGI) when a manifest lists it, else {@code python main.py} or {@code
 * python app.py}.
 */
final class PythonRules {
    /** Scripts run with {@code python} when no server is listed, in this order. */
    static final List<String> ENTRY_FILES = List.of("main.py", "app.py");

    /** Where WSGI apps usually live, for gunicorn. */
    private static final List<String> WSGI_FILES =
            List.of("app.py", "wsgi.py", "main.py", "application.py", "server.py");

    /** Where ASGI apps usually live, for uvicorn (app/main.py is FastAPI's layout). */
    private static final List<String> ASGI_FILES =
            List.of("main.py", "app.py", "asgi.py", "server.py", "api.py", "app/main.py");

    /** ASGI frameworks: with one of them and uvicorn listed, uvicorn serves the app. */
    private static final Set<String> ASGI_FRAMEWORKS =
            Set.of("fastapi", "starlette", "quart", "litestar");

    private static final List<String> APP_VARIABLES = List.of("app", "application", "api");

    private PythonRules() {}

    static boolean applies(Checkout checkout) {
        return PythonProject.hasManifest(checkout);
    }

    /** A bare script and no manifest: weaker than any other language's manifest. */
    static boolean appliesByEntryFile(Checkout checkout) {
        return ENTRY_FILES.stream().anyMatch(checkout::isFile);
    }

    static String lookedFor() {
        return String.join(", ", PythonProject.MANIFESTS) + " or " + String.join(", ", ENTRY_FILES);
    }

    static GeneratedBuild generate(Checkout checkout, PlanBuilder plan, BaseImages images) {
        if (!applies(checkout) && !appliesByEntryFile(checkout)) {
            throw new NothingDetectedException(
                    "build: python needs one of " + lookedFor() + " in the root directory");
        }
        PythonProject project = new PythonProject(checkout);
        project.version()
                .ifPresent(
                        hint ->
                                plan.version(
                                        hint.version(),
                                        "version: "
                                                + hint.version()
                                                + " from "
                                                + hint.source()
                                                + "; the Python base image provides the"
                                                + " runtime"));
        PythonInstaller installer = PythonInstaller.choose(project, plan);
        plan.build(null, null);
        start(checkout, project, plan);
        BuildPlan built = plan.plan();
        return new GeneratedBuild(built, PythonDockerfile.render(built, installer, images));
    }

    private static void start(Checkout checkout, PythonProject project, PlanBuilder plan) {
        if (plan.startOverride().isPresent()) {
            plan.start(null, null);
            return;
        }
        Set<String> dependencies = project.dependencies();
        boolean gunicorn = dependencies.contains("gunicorn");
        boolean uvicorn = dependencies.contains("uvicorn");
        boolean asgi = dependencies.stream().anyMatch(ASGI_FRAMEWORKS::contains);
        if (uvicorn && (asgi || !gunicorn)) {
            String target = appTarget(checkout, ASGI_FILES, "uvicorn");
            plan.start(
                    "uvicorn " + ShellCommand.quote(target) + " --host 0.0.0.0 --port $PORT",
                    "start: uvicorn is a dependency; the ASGI app is " + target);
            return;
        }
        if (gunicorn) {
            Optional<String> django = djangoWsgiModule(checkout);
            String target =
                    django.map(module -> module + ":application")
                            .orElseGet(() -> appTarget(checkout, WSGI_FILES, "gunicorn"));
            plan.start(
                    "gunicorn --bind 0.0.0.0:$PORT " + ShellCommand.quote(target),
                    "start: gunicorn is a dependency; the WSGI app is "
                            + target
                            + (django.isPresent() ? " (Django's wsgi.py)" : ""));
            return;
        }
        for (String entry : ENTRY_FILES) {
            if (checkout.isFile(entry)) {
                plan.start(
                        "python " + entry,
                        "start: "
                                + entry
                                + " (no gunicorn or uvicorn in the dependencies; the first of "
                                + String.join(", ", ENTRY_FILES)
                                + ")");
                return;
            }
        }
        throw new NothingDetectedException(
                "no start command for the Python app: no Procfile web: process, no gunicorn or"
                        + " uvicorn in its dependencies, and none of "
                        + String.join(", ", ENTRY_FILES)
                        + (djangoWsgiModule(checkout).isPresent()
                                ? "; for Django, add gunicorn to the dependencies"
                                : "")
                        + "; set the service's startCommand (e.g. \"gunicorn --bind"
                        + " 0.0.0.0:$PORT mymodule:app\") or add a Procfile with a web: line");
    }

    /** {@code module:variable} of the first candidate file that assigns an app variable. */
    private static String appTarget(Checkout checkout, List<String> files, String server) {
        List<String> lookedAt = new ArrayList<>();
        for (String file : files) {
            Optional<String> source = checkout.read(file);
            if (source.isEmpty()) {
                continue;
            }
            lookedAt.add(file);
            String module = file.substring(0, file.length() - ".py".length()).replace('/', '.');
            for (String variable : APP_VARIABLES) {
                if (Pattern.compile("(?m)^" + variable + "\\s*(:[^=\\n]*)?=")
                        .matcher(source.get())
                        .find()) {
                    return module + ":" + variable;
                }
            }
            if (Pattern.compile("(?m)^def create_app\\s*\\(").matcher(source.get()).find()) {
                return module + ":create_app()";
            }
        }
        throw new NothingDetectedException(
                server
                        + " is a dependency but no app was found: looked for a top-level "
                        + String.join(", ", APP_VARIABLES)
                        + " variable (or create_app()) in "
                        + (lookedAt.isEmpty()
                                ? "any of " + String.join(", ", files) + " (none exists)"
                                : String.join(", ", lookedAt))
                        + "; set the service's startCommand, e.g. \""
                        + server
                        + (server.equals("gunicorn")
                                ? " --bind 0.0.0.0:$PORT mymodule:app\""
                                : " mymodule:app --host 0.0.0.0 --port $PORT\""));
    }

    /** Django's {@code <project>.wsgi} module when manage.py sits next to its package. */
    private static Optional<String> djangoWsgiModule(Checkout checkout) {
        if (!checkout.isFile("manage.py")) {
            return Optional.empty();
        }
        return checkout.subdirectories("").stream()
                .filter(dir -> checkout.isFile(dir + "/wsgi.py"))
                .filter(dir -> dir.matches("[A-Za-z_][A-Za-z0-9_]*"))
                .findFirst()
                .map(dir -> dir + ".wsgi");
    }

    /**
     * How dependencies reach the virtual environment: one home for the choice between uv, poetry,
     * pip and pipenv.
     *
     * @param manifestsFirst the files copied before the install, or empty when the install needs
     *     the whole source
     * @param tool a tool installed into the environment first (uv, poetry, pipenv), or null
     */
    record PythonInstaller(String name, List<String> manifestsFirst, String tool) {
        static PythonInstaller choose(PythonProject project, PlanBuilder plan) {
            List<String> present =
                    PythonProject.MANIFESTS.stream()
                            .filter(project::has)
                            .collect(Collectors.toList());
            String others =
                    present.size() > 1 ? " (present: " + String.join(", ", present) + ")" : "";
            if (project.has(PythonProject.UV_LOCK)) {
                plan.install(
                        "pip install uv && uv sync --locked --no-dev",
                        "install: uv, from uv.lock" + others);
                return new PythonInstaller("uv", List.of(), "uv");
            }
            if (project.usesPoetry()) {
                plan.install(
                        "pip install poetry && poetry install --only main --no-root --no-interaction",
                        "install: poetry, from "
                                + (project.has(PythonProject.POETRY_LOCK)
                                        ? "poetry.lock"
                                        : "[tool.poetry] in pyproject.toml")
                                + others);
                return new PythonInstaller("poetry", List.of(), "poetry");
            }
            if (project.has(PythonProject.REQUIREMENTS)) {
                boolean standAlone = project.requirementsStandAlone() && !plan.hasUserInstall();
                plan.install(
                        "pip install -r requirements.txt",
                        "install: pip, from requirements.txt"
                                + others
                                + (standAlone
                                        ? "; it is copied first, so the install layer is reused"
                                                + " while it does not change"
                                        : ""));
                return new PythonInstaller(
                        "pip", standAlone ? List.of(PythonProject.REQUIREMENTS) : List.of(), null);
            }
            if (project.has(PythonProject.PIPFILE)) {
                boolean locked = project.has(PythonProject.PIPFILE_LOCK);
                plan.install(
                        locked
                                ? "pip install pipenv && pipenv install --deploy --system"
                                : "pip install pipenv && pipenv install --system --skip-lock",
                        "install: pipenv, from the Pipfile"
                                + (locked ? " and Pipfile.lock" : " (no Pipfile.lock)")
                                + others);
                return new PythonInstaller("pipenv", List.of(), "pipenv");
            }
            if (project.hasBuildSystem() || project.has(PythonProject.SETUP_PY)) {
                plan.install(
                        "pip install .",
                        "install: pip installs the project ("
                                + (project.hasBuildSystem()
                                        ? "[build-system] in pyproject.toml"
                                        : "setup.py")
                                + ")"
                                + others);
                return new PythonInstaller("pip", List.of(), null);
            }
            List<String> dependencies = project.projectDependencies();
            if (!dependencies.isEmpty()) {
                plan.install(
                        "pip install "
                                + dependencies.stream()
                                        .map(ShellCommand::quote)
                                        .collect(Collectors.joining(" ")),
                        "install: pip, the dependencies of [project] in pyproject.toml (it has no"
                                + " [build-system], so the project itself is not installed)");
                return new PythonInstaller("pip", List.of(PythonProject.PYPROJECT), null);
            }
            plan.install(
                    null,
                    project.hasProjectTable() || present.isEmpty()
                            ? "install: nothing, no dependencies are listed"
                            : null);
            return new PythonInstaller("pip", List.of(), null);
        }
    }
}
