package ink.ml.deploy.buildplan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** How a Node app (package.json) is installed, built and started. */
final class NodeRules {
    /** Entry files {@code node} runs when package.json names none, in this order. */
    static final List<String> ENTRY_FILES = List.of("server.js", "index.js", "app.js");

    /** The directories a build usually writes a static site to when the framework is unknown. */
    static final List<String> STATIC_OUTPUTS = List.of("out", "dist", "build");

    /** Framework packages whose build writes a static site, and where. */
    private static final Map<String, String> STATIC_FRAMEWORKS =
            Map.of(
                    "vite", "dist",
                    "react-scripts", "build",
                    "astro", "dist",
                    "gatsby", "public",
                    "@vue/cli-service", "dist",
                    "parcel", "dist");

    private static final List<String> NEXT_CONFIGS =
            List.of("next.config.js", "next.config.mjs", "next.config.cjs", "next.config.ts");

    private static final Pattern NEXT_EXPORT = Pattern.compile("output\\s*:\\s*['\"]export['\"]");

    /** Start scripts that run a development server; a production image serves the build. */
    private static final Pattern DEV_SERVER =
            Pattern.compile(
                    "^\\s*(react-scripts start|vite(\\s+(dev|serve|preview))?|astro (dev|preview)"
                            + "|gatsby develop|ng serve|vue-cli-service serve|next dev)(\\s.*)?$");

    /** Scripts npm runs during an install: they may need the whole source, not just manifests. */
    private static final List<String> INSTALL_SCRIPTS =
            List.of("preinstall", "install", "postinstall", "prepare");

    private NodeRules() {}

    static boolean applies(Checkout checkout) {
        return checkout.isFile(PackageJson.FILE);
    }

    /** The package.json has neither a start command nor a build: nothing for Node to run. */
    static final class NoEntryPoint extends NothingDetectedException {
        NoEntryPoint(String message) {
            super(message);
        }
    }

    static GeneratedBuild generate(Checkout checkout, PlanBuilder plan, BaseImages images) {
        PackageJson manifest =
                PackageJson.parse(
                        checkout.read(PackageJson.FILE)
                                .orElseThrow(
                                        () ->
                                                new NothingDetectedException(
                                                        "build: node needs a package.json in the"
                                                                + " root directory")));
        plan.reason("package.json: a Node app");
        if (manifest.enginesNode() != null) {
            plan.version(
                    manifest.enginesNode(),
                    "version: engines.node \""
                            + manifest.enginesNode()
                            + "\" in package.json; the Node base image provides the runtime");
        }

        NodeApp app = installation(checkout, manifest, plan);
        List<String> staticOutputs = startOrStaticOutputs(checkout, manifest, plan);
        BuildPlan built = plan.plan();
        return new GeneratedBuild(built, NodeDockerfile.render(built, app, staticOutputs, images));
    }

    private static NodeApp installation(Checkout checkout, PackageJson manifest, PlanBuilder plan) {
        List<String> presentLockfiles = new ArrayList<>();
        NodePackageManager chosen = null;
        for (NodePackageManager manager : NodePackageManager.values()) {
            for (String lockfile : manager.lockfiles()) {
                if (checkout.isFile(lockfile)) {
                    presentLockfiles.add(lockfile);
                    chosen = chosen == null ? manager : chosen;
                }
            }
        }
        NodePackageManager fromField = NodePackageManager.fromField(manifest.packageManager());
        boolean locked;
        if (chosen == null) {
            locked = false;
            chosen = fromField == null ? NodePackageManager.NPM : fromField;
            plan.reason(
                    "package manager: "
                            + chosen.command()
                            + (fromField == null ? "" : " (packageManager in package.json)")
                            + ", no lockfile: commit "
                            + chosen.lockfiles().get(0)
                            + " for reproducible installs");
        } else {
            NodePackageManager byLockfile = chosen;
            if (presentLockfiles.size() > 1 && fromField != null) {
                for (String lockfile : presentLockfiles) {
                    if (fromField.lockfiles().contains(lockfile)) {
                        chosen = fromField;
                    }
                }
            }
            locked = true;
            String lockfile =
                    presentLockfiles.stream()
                            .filter(chosen.lockfiles()::contains)
                            .findFirst()
                            .orElseThrow();
            plan.reason(
                    "package manager: "
                            + chosen.command()
                            + ", from "
                            + lockfile
                            + (presentLockfiles.size() > 1
                                    ? " (lockfiles "
                                            + String.join(", ", presentLockfiles)
                                            + " all exist; "
                                            + (chosen != byLockfile
                                                    ? "packageManager in package.json chose it"
                                                    : "pnpm, then yarn, then npm")
                                            + "; delete the stale ones)"
                                    : ""));
        }
        boolean berry = checkout.isFile(NodePackageManager.YARN_BERRY_CONFIG);
        plan.install(
                chosen.install(locked, berry),
                chosen == NodePackageManager.NPM
                        ? null
                        : "install: "
                                + chosen.command()
                                + " runs through corepack, which downloads it on first use");

        List<String> manifests = new ArrayList<>(List.of(PackageJson.FILE));
        presentLockfiles.stream().filter(chosen.lockfiles()::contains).forEach(manifests::add);
        NodePackageManager.CONFIG_FILES.stream().filter(checkout::isFile).forEach(manifests::add);
        Optional<String> needsSource = whyInstallNeedsSource(checkout, manifest, plan, berry);
        if (needsSource.isPresent()) {
            plan.reason("install: the whole source is copied first, because " + needsSource.get());
            return new NodeApp(chosen, List.of());
        }
        plan.reason(
                "install: "
                        + String.join(", ", manifests)
                        + " copied first, so the install layer is reused while "
                        + (manifests.size() == 1 ? "it does" : "they do")
                        + " not change");
        return new NodeApp(chosen, manifests);
    }

    private static Optional<String> whyInstallNeedsSource(
            Checkout checkout, PackageJson manifest, PlanBuilder plan, boolean berry) {
        if (plan.hasUserInstall()) {
            return Optional.of("the installCommand may read any file");
        }
        if (manifest.workspaces() || checkout.isFile("pnpm-workspace.yaml")) {
            return Optional.of("workspaces need their own package.json files");
        }
        for (String script : INSTALL_SCRIPTS) {
            if (manifest.script(script).isPresent()) {
                return Optional.of("scripts." + script + " runs during the install");
            }
        }
        if (berry) {
            return Optional.of(".yarnrc.yml may point into .yarn/");
        }
        return Optional.empty();
    }

    /**
     * Decides the start command, or that the app is a static export: then returns the directories
     * the build may write the site to, in order; otherwise an empty list.
     */
    private static List<String> startOrStaticOutputs(
            Checkout checkout, PackageJson manifest, PlanBuilder plan) {
        Optional<String> buildScript = manifest.script("build");
        plan.build(
                buildScript.map(script -> "npm run build").orElse(null),
                buildScript.map(script -> "build: scripts.build in package.json").orElse(null));
        if (plan.startOverride().isPresent()) {
            plan.start(null, null);
            return List.of();
        }
        boolean builds = plan.build() != null;
        Optional<String> staticFramework = staticFramework(checkout, manifest);

        Optional<String> startScript = manifest.script("start");
        if (startScript.isPresent()) {
            if (builds && DEV_SERVER.matcher(startScript.get()).matches()) {
                plan.reason(
                        "start: scripts.start (\""
                                + startScript.get()
                                + "\") runs a development server, so the build's output is"
                                + " served instead");
                return staticExport(plan, staticFramework);
            }
            plan.start("npm start", "start: scripts.start in package.json");
            return List.of();
        }
        String main = manifest.main();
        if (main != null) {
            if (checkout.isFile(main)) {
                plan.start("node " + ShellCommand.quote(main), "start: main in package.json");
                return List.of();
            }
            if (builds && staticFramework.isEmpty()) {
                plan.start(
                        "node " + ShellCommand.quote(main),
                        "start: main in package.json (" + main + ", which the build writes)");
                return List.of();
            }
        }
        for (String entry : ENTRY_FILES) {
            if (checkout.isFile(entry)) {
                plan.start(
                        "node " + entry,
                        "start: "
                                + entry
                                + " (package.json has no start script and no main; the first of "
                                + String.join(", ", ENTRY_FILES)
                                + ")");
                return List.of();
            }
        }
        if (builds) {
            plan.reason("start: none in package.json, so the build is a static export");
            return staticExport(plan, staticFramework);
        }
        throw new NoEntryPoint(
                "package.json has no start script"
                        + (main != null ? " and its main (" + main + ") does not exist" : "")
                        + ", none of "
                        + String.join(", ", ENTRY_FILES)
                        + " exists, and there is no build script for a static export: add"
                        + " \"start\": \"node <your entry file>\" to its scripts, or set the"
                        + " service's startCommand");
    }

    private static List<String> staticExport(PlanBuilder plan, Optional<String> framework) {
        List<String> outputs = framework.map(List::of).orElse(STATIC_OUTPUTS);
        plan.start(
                StaticRules.serveCommand(),
                "start: "
                        + framework
                                .map(dir -> "the build writes the site to " + dir + "/")
                                .orElse(
                                        "the site is the first of "
                                                + String.join("/, ", outputs)
                                                + "/ that the build fills with an index.html")
                        + "; busybox httpd serves it from the static base image");
        return outputs;
    }

    /** The directory a known framework's build writes a static site to. */
    private static Optional<String> staticFramework(Checkout checkout, PackageJson manifest) {
        if (manifest.uses("next")) {
            boolean exports =
                    manifest.script("build")
                                    .filter(script -> script.contains("next export"))
                                    .isPresent()
                            || NEXT_CONFIGS.stream()
                                    .map(checkout::read)
                                    .flatMap(Optional::stream)
                                    .anyMatch(config -> NEXT_EXPORT.matcher(config).find());
            return exports ? Optional.of("out") : Optional.empty();
        }
        return STATIC_FRAMEWORKS.entrySet().stream()
                .filter(framework -> manifest.uses(framework.getKey()))
                .map(Map.Entry::getValue)
                .sorted()
                .findFirst();
    }

    /**
     * @param manifestsFirst the files copied before the install, or empty to copy the whole source
     *     first
     */
    record NodeApp(NodePackageManager manager, List<String> manifestsFirst) {}
}
