package ink.ml.deploy.buildplan;

import java.util.List;

/**
 * A detected app: how to install, build and start it, and why each was chosen.
 *
 * @param language what was detected
 * @param version the runtime version asked for (e.g. {@code engines.node}), or null for the base
 *     image's
 * @param install the install command, or null when there is nothing to install
 * @param build the build command, or null when there is nothing to build
 * @param start the start command the container runs (through a shell, so {@code $PORT} expands)
 * @param port the port the app listens on ({@code $PORT} is set to it)
 * @param reasons one line per rule that decided something, in words a user can act on
 */
public record BuildPlan(
        Language language,
        String version,
        String install,
        String build,
        String start,
        int port,
        List<String> reasons) {
    public BuildPlan {
        reasons = List.copyOf(reasons);
    }
}
