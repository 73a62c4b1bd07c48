package ink.ml.deploy.buildplan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A detected plan and the Dockerfile generated for it. The Dockerfile is built with the build
 * context as its context and is never written into the checkout.
 *
 * @param dockerfile the generated Dockerfile's text
 */
public record GeneratedBuild(BuildPlan plan, String dockerfile) implements BuildDecision {
    public GeneratedBuild {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(dockerfile, "dockerfile");
    }

    /**
     * What the build log starts with: the plan (language, version, install, build, start, port),
     * each rule's reason, and the generated Dockerfile, e.g.
     *
     * <pre>
     * ==> Detected Node 20.x
     *     install: npm ci
     *     build:   npm run build
     *     start:   npm start
     *     port:    8080 (the app listens on $PORT)
     *     why:     package.json: a Node app
     * ==> Generated Dockerfile
     *     | FROM registry.internal:5000/base/node:22
     * </pre>
     */
    public List<String> logLines() {
        List<String> lines = new ArrayList<>();
        lines.add(
                "==> Detected "
                        + plan.language().displayName()
                        + (plan.version() == null ? "" : " " + plan.version()));
        lines.add("    install: " + orNothing(plan.install(), "nothing to install"));
        lines.add("    build:   " + orNothing(plan.build(), "nothing to build"));
        lines.add("    start:   " + plan.start());
        lines.add("    port:    " + plan.port() + " (the app listens on $PORT)");
        for (String reason : plan.reasons()) {
            lines.add("    why:     " + reason);
        }
        lines.add("==> Generated Dockerfile");
        for (String line : dockerfile.split("\n")) {
            lines.add("    | " + line);
        }
        return lines;
    }

    private static String orNothing(String command, String nothing) {
        return command == null ? "(" + nothing + ")" : command;
    }
}
