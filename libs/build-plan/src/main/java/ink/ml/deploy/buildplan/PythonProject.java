package ink.ml.deploy.buildplan;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What detection reads from a Python project's manifests. */
final class PythonProject {
    static final String REQUIREMENTS = "requirements.txt";
    static final String PYPROJECT = "pyproject.toml";
    static final String PIPFILE = "Pipfile";
    static final String PIPFILE_LOCK = "Pipfile.lock";
    static final String UV_LOCK = "uv.lock";
    static final String POETRY_LOCK = "poetry.lock";
    static final String SETUP_PY = "setup.py";

    /** Any of these makes a directory a Python project. */
    static final List<String> MANIFESTS =
            List.of(REQUIREMENTS, PYPROJECT, PIPFILE, UV_LOCK, POETRY_LOCK, SETUP_PY);

    private static final Pattern REQUIREMENT_NAME =
            Pattern.compile("^([A-Za-z0-9][A-Za-z0-9._-]*)");

    private final Checkout checkout;
    private final Optional<TomlFile> pyproject;
    private final Optional<TomlFile> pipfile;
    private final Optional<String> requirements;

    PythonProject(Checkout checkout) {
        this.checkout = checkout;
        this.pyproject = checkout.read(PYPROJECT).map(TomlFile::parse);
        this.pipfile = checkout.read(PIPFILE).map(TomlFile::parse);
        this.requirements = checkout.read(REQUIREMENTS);
    }

    static boolean hasManifest(Checkout checkout) {
        return MANIFESTS.stream().anyMatch(checkout::isFile);
    }

    boolean has(String file) {
        return checkout.isFile(file);
    }

    boolean usesPoetry() {
        return has(POETRY_LOCK)
                || pyproject.map(toml -> toml.hasTable("tool.poetry")).orElse(false);
    }

    boolean hasBuildSystem() {
        return pyproject.map(toml -> toml.hasTable("build-system")).orElse(false);
    }

    boolean hasProjectTable() {
        return pyproject.map(toml -> toml.hasTable("project")).orElse(false);
    }

    List<String> projectDependencies() {
        return pyproject.map(toml -> toml.strings("project", "dependencies")).orElse(List.of());
    }

    /**
     * Whether requirements.txt can be installed on its own: not when it includes other files,
     * editable or local packages, which need the source next to it.
     */
    boolean requirementsStandAlone() {
        return requirements
                .map(
                        text ->
                                text.lines()
                                        .map(String::strip)
                                        .noneMatch(
                                                line ->
                                                        line.startsWith("-r")
                                                                || line.startsWith("-c")
                                                                || line.startsWith("-e")
                                                                || line.startsWith("--requirement")
                                                                || line.startsWith("--constraint")
                                                                || line.startsWith("--editable")
                                                                || line.startsWith(".")
                                                                || line.startsWith("/")
                                                                || line.startsWith("file:")))
                .orElse(false);
    }

    /** Normalised names (PEP 503) of the dependencies every manifest lists. */
    Set<String> dependencies() {
        Set<String> names = new TreeSet<>();
        requirements.ifPresent(text -> text.lines().forEach(line -> addRequirement(names, line)));
        projectDependencies().forEach(requirement -> addRequirement(names, requirement));
        pyproject.ifPresent(
                toml ->
                        toml.keys("tool.poetry.dependencies")
                                .forEach(key -> names.add(normalise(key))));
        pipfile.ifPresent(toml -> toml.keys("packages").forEach(key -> names.add(normalise(key))));
        names.remove("python");
        return names;
    }

    /** The Python version asked for, and where it was found. */
    Optional<VersionHint> version() {
        Optional<String> pinned =
                checkout.read(".python-version")
                        .flatMap(
                                text ->
                                        text.lines()
                                                .map(String::strip)
                                                .filter(
                                                        line ->
                                                                !line.isEmpty()
                                                                        && !line.startsWith("#"))
                                                .findFirst());
        if (pinned.isPresent()) {
            return Optional.of(new VersionHint(pinned.get(), ".python-version"));
        }
        Optional<String> runtime =
                checkout.read("runtime.txt").map(String::strip).filter(text -> !text.isEmpty());
        if (runtime.isPresent()) {
            return Optional.of(
                    new VersionHint(runtime.get().replaceFirst("^python-", ""), "runtime.txt"));
        }
        Optional<String> requires =
                pyproject.flatMap(toml -> toml.string("project", "requires-python"));
        if (requires.isPresent()) {
            return Optional.of(
                    new VersionHint(requires.get(), "requires-python in pyproject.toml"));
        }
        Optional<String> poetry =
                pyproject.flatMap(toml -> toml.string("tool.poetry.dependencies", "python"));
        if (poetry.isPresent()) {
            return Optional.of(
                    new VersionHint(poetry.get(), "python in [tool.poetry.dependencies]"));
        }
        return pipfile.flatMap(
                        toml ->
                                toml.string("requires", "python_version")
                                        .or(() -> toml.string("requires", "python_full_version")))
                .map(version -> new VersionHint(version, "python_version in the Pipfile"));
    }

    private static void addRequirement(Set<String> names, String line) {
        String requirement = line.strip();
        if (requirement.startsWith("#") || requirement.startsWith("-")) {
            return;
        }
        Matcher name = REQUIREMENT_NAME.matcher(requirement);
        if (name.find()) {
            names.add(normalise(name.group(1)));
        }
    }

    static String normalise(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }
}
