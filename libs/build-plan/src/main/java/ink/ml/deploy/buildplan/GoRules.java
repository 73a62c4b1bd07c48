package ink.ml.deploy.buildplan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a Go module (go.mod) is built: a static binary ({@code CGO_ENABLED=0}) of the main package at
 * the root, else of {@code cmd/<name>}, copied alone into the runtime image.
 */
final class GoRules {
    static final String GO_MOD = "go.mod";
    static final String GO_SUM = "go.sum";

    /** Where the build stage writes the binary; a user's buildCommand must write it there too. */
    static final String BINARY_OUTPUT = "/out/server";

    static final String BINARY = "/app/server";

    private static final Pattern MODULE = Pattern.compile("(?m)^module\\s+\"?([^\\s\"]+)\"?");
    private static final Pattern GO_DIRECTIVE = Pattern.compile("(?m)^go\\s+([0-9][0-9.]*)\\s*$");
    private static final Pattern PACKAGE_MAIN = Pattern.compile("(?m)^package\\s+main\\s*$");

    private GoRules() {}

    static boolean applies(Checkout checkout) {
        return checkout.isFile(GO_MOD);
    }

    static GeneratedBuild generate(Checkout checkout, PlanBuilder plan, BaseImages images) {
        String goMod =
                checkout.read(GO_MOD)
                        .orElseThrow(
                                () ->
                                        new NothingDetectedException(
                                                "build: go needs a go.mod in the root directory"
                                                        + " (go mod init <module>)"));
        Matcher module = MODULE.matcher(goMod);
        String modulePath = module.find() ? module.group(1) : null;
        plan.reason("go.mod: a Go module" + (modulePath == null ? "" : " (" + modulePath + ")"));
        Matcher directive = GO_DIRECTIVE.matcher(goMod);
        if (directive.find()) {
            plan.version(
                    directive.group(1),
                    "version: go "
                            + directive.group(1)
                            + " in go.mod; the Go base image's toolchain builds it"
                            + " (GOTOOLCHAIN=local: no toolchain is downloaded)");
        }

        boolean vendored = checkout.isFile("vendor/modules.txt");
        boolean hasSum = checkout.isFile(GO_SUM);
        if (vendored) {
            plan.install(null, "install: nothing, the dependencies are vendored in vendor/");
        } else if (hasSum) {
            plan.install(
                    "go mod download",
                    "install: go mod download, with go.mod and go.sum copied first so the layer"
                            + " is reused while they do not change");
        } else {
            plan.install(null, "install: nothing, go.sum lists no dependencies");
        }

        String mainPackage = plan.hasUserBuild() ? null : mainPackage(checkout, modulePath, plan);
        plan.build(
                mainPackage == null
                        ? null
                        : "go build -trimpath -ldflags=\"-s -w\" -o "
                                + BINARY_OUTPUT
                                + " "
                                + mainPackage,
                "build: a static binary (CGO_ENABLED=0); the image holds only the binary (embed"
                        + " templates and assets with go:embed)");
        if (plan.hasUserBuild()) {
            plan.reason(
                    "build: the buildCommand must write the binary to "
                            + BINARY_OUTPUT
                            + ", which the image runs as "
                            + BINARY);
        }
        plan.start(BINARY, "start: the binary, " + BINARY);
        BuildPlan built = plan.plan();
        boolean manifestsFirst = hasSum && !vendored && !plan.hasUserInstall();
        return new GeneratedBuild(built, GoDockerfile.render(built, manifestsFirst, images));
    }

    /** {@code .} or {@code ./cmd/<name>}, chosen deterministically. */
    private static String mainPackage(Checkout checkout, String modulePath, PlanBuilder plan) {
        if (isMainPackage(checkout, "")) {
            plan.reason("main package: the root directory");
            return ".";
        }
        List<String> commands = new ArrayList<>();
        for (String name : checkout.subdirectories("cmd")) {
            if (isMainPackage(checkout, "cmd/" + name)) {
                commands.add(name);
            }
        }
        if (commands.isEmpty()) {
            throw new NothingDetectedException(
                    "go.mod found, but no main package: none at the root directory and none in"
                            + " cmd/<name>/; add a main package, or set the service's"
                            + " buildCommand to build one into "
                            + BINARY_OUTPUT);
        }
        String moduleName =
                modulePath == null ? null : modulePath.substring(modulePath.lastIndexOf('/') + 1);
        String chosen;
        if (commands.size() == 1) {
            chosen = commands.get(0);
            plan.reason("main package: cmd/" + chosen + " (the root has none)");
        } else if (commands.contains(moduleName)) {
            chosen = moduleName;
            plan.reason(
                    "main package: cmd/"
                            + chosen
                            + ", named like the module, out of cmd/"
                            + String.join(", cmd/", commands)
                            + buildAnother());
        } else {
            chosen = commands.get(0);
            plan.reason(
                    "main package: cmd/"
                            + chosen
                            + ", the first by name of cmd/"
                            + String.join(", cmd/", commands)
                            + buildAnother());
        }
        return "./cmd/" + chosen;
    }

    private static String buildAnother() {
        return "; to build another, set the service's buildCommand to \"go build -o "
                + BINARY_OUTPUT
                + " ./cmd/<name>\"";
    }

    private static boolean isMainPackage(Checkout checkout, String directory) {
        String prefix = directory.isEmpty() ? "" : directory + "/";
        for (String name : checkout.list(directory)) {
            if (name.endsWith(".go") && !name.endsWith("_test.go")) {
                Optional<String> source = checkout.read(prefix + name);
                if (source.isPresent() && PACKAGE_MAIN.matcher(source.get()).find()) {
                    return true;
                }
            }
        }
        return false;
    }
}
