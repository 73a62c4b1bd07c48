package ink.ml.deploy.buildplan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code auto} without a Dockerfile: the first language whose files are present wins, in Railpack's
 * order: Go, Java, Python, Node, then a static site. A backend's manifest wins over a package.json
 * (that usually builds its front-end assets), and a package.json wins over an index.html (usually a
 * bundler's entry, which the build turns into the site). A Python script without a manifest
 * (main.py, app.py) counts only after Node; a package.json with nothing to start or build falls
 * through to what comes next.
 */
final class AutoDetection {
    /** What each language's presence is recognised by, in order. */
    private record Signal(Language language, Function<Checkout, List<String>> files) {}

    private static final List<Signal> ORDER =
            List.of(
                    new Signal(Language.GO, present(GoRules.GO_MOD)),
                    new Signal(Language.JAVA, JavaRules::signals),
                    new Signal(Language.PYTHON, present(PythonProject.MANIFESTS)),
                    new Signal(Language.NODE, present(PackageJson.FILE)),
                    new Signal(Language.PYTHON, present(PythonRules.ENTRY_FILES)),
                    new Signal(Language.STATIC, AutoDetection::staticSignals));

    /** Directories never searched for apps when suggesting a root directory. */
    private static final Set<String> NOT_APPS =
            Set.of("node_modules", "vendor", "target", "venv", "__pycache__");

    private AutoDetection() {}

    static GeneratedBuild detect(Checkout checkout, BuildOptions options, BaseImages images) {
        List<Found> found = found(checkout);
        if (found.isEmpty()) {
            throw new NothingDetectedException(nothingFound(checkout, options));
        }
        String alsoFound = alsoFound(found);
        for (int i = 0; i < found.size(); i++) {
            Found chosen = found.get(i);
            try {
                GeneratedBuild build =
                        BuildPlanner.generate(chosen.language(), checkout, options, images);
                List<String> reasons = new ArrayList<>();
                reasons.add(
                        "detected "
                                + chosen.language().displayName()
                                + " from "
                                + String.join(", ", chosen.files())
                                + " (build: auto, no Dockerfile at "
                                + options.dockerfilePath()
                                + ")"
                                + (i == 0 ? alsoFound : ""));
                for (int skipped = 0; skipped < i; skipped++) {
                    reasons.add(
                            found.get(skipped).language().displayName()
                                    + " was skipped: "
                                    + found.get(skipped).files().get(0)
                                    + " has nothing to start or build");
                }
                reasons.addAll(build.plan().reasons());
                BuildPlan plan = build.plan();
                return new GeneratedBuild(
                        new BuildPlan(
                                plan.language(),
                                plan.version(),
                                plan.install(),
                                plan.build(),
                                plan.start(),
                                plan.port(),
                                reasons),
                        build.dockerfile());
            } catch (NodeRules.NoEntryPoint e) {
                if (i == found.size() - 1) {
                    throw e;
                }
            }
        }
        throw new IllegalStateException("unreachable: the last candidate rethrows");
    }

    /** A language present in the checkout and the files that show it. */
    private record Found(Language language, List<String> files) {}

    private static List<Found> found(Checkout checkout) {
        List<Found> found = new ArrayList<>();
        Set<Language> seen = new LinkedHashSet<>();
        for (Signal signal : ORDER) {
            List<String> files = signal.files().apply(checkout);
            if (!files.isEmpty() && seen.add(signal.language())) {
                found.add(new Found(signal.language(), files));
            }
        }
        return found;
    }

    private static String alsoFound(List<Found> found) {
        if (found.size() < 2) {
            return "";
        }
        return "; also found "
                + found.stream()
                        .skip(1)
                        .map(
                                f ->
                                        f.language().displayName()
                                                + " ("
                                                + String.join(", ", f.files())
                                                + ")")
                        .collect(Collectors.joining(", "))
                + ": detection tries Go, Java, Python, Node, then a static site, since a"
                + " backend's package.json usually builds its front-end assets and an index.html"
                + " next to a package.json is usually a bundler's entry; set build: <language> to"
                + " build another";
    }

    private static String nothingFound(Checkout checkout, BuildOptions options) {
        StringBuilder message =
                new StringBuilder(
                        "nothing to build found in the root directory: no Dockerfile at "
                                + options.dockerfilePath()
                                + ", and none of go.mod (Go), "
                                + JavaRules.lookedFor()
                                + " (Java), "
                                + PythonRules.lookedFor()
                                + " (Python), package.json (Node), "
                                + StaticRules.lookedFor()
                                + " (static site).");
        List<String> apps = appsBelow(checkout);
        if (!apps.isEmpty()) {
            message.append(" Apps found below it: ")
                    .append(String.join(", ", apps))
                    .append(": set the service's root directory to one of them.");
        }
        message.append(
                " Add a Dockerfile or one of those files, or choose build: node, python, go,"
                        + " static or java.");
        return message.toString();
    }

    /** Up to five subdirectories (two levels deep) where detection would find something. */
    private static List<String> appsBelow(Checkout checkout) {
        List<String> apps = new ArrayList<>();
        List<String> directories = new ArrayList<>();
        for (String first : checkout.subdirectories("")) {
            if (NOT_APPS.contains(first)) {
                continue;
            }
            directories.add(first);
            checkout.subdirectories(first).stream()
                    .filter(second -> !NOT_APPS.contains(second))
                    .forEach(second -> directories.add(first + "/" + second));
        }
        for (String directory : directories) {
            if (apps.size() == 5) {
                break;
            }
            List<String> files =
                    ORDER.stream()
                            .flatMap(
                                    signal ->
                                            signal
                                                    .files()
                                                    .apply(checkout.below(directory))
                                                    .stream())
                            .distinct()
                            .toList();
            if (!files.isEmpty()) {
                apps.add(directory + "/ (" + String.join(", ", files) + ")");
            }
        }
        return apps;
    }

    private static Function<Checkout, List<String>> present(String file) {
        return present(List.of(file));
    }

    private static Function<Checkout, List<String>> present(List<String> files) {
        return checkout -> files.stream().filter(checkout::isFile).toList();
    }

    private static List<String> staticSignals(Checkout checkout) {
        return Stream.concat(
                        Stream.of(StaticRules.INDEX, StaticRules.STATICFILE),
                        StaticRules.SITE_DIRECTORIES.stream()
                                .map(dir -> dir + "/" + StaticRules.INDEX))
                .filter(checkout::isFile)
                .toList();
    }
}
