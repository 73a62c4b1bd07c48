package ink.ml.deploy.testing;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

/**
 * The one gate for tests that need a real part of this machine (a Debian package, root): where the
 * part is missing, the test is skipped with the reason, except in CI ({@code CI=true}), where it
 * fails. CI installs every part ({@code ./run-tests}), so a part missing there is a broken setup
 * that must not pass as a green run of skipped tests.
 */
public final class RealParts {
    /** Set to {@code true} by CI systems, and by {@code .ci/run}. */
    static final String CI = "CI";

    private RealParts() {}

    /**
     * Skips the calling test (fails it in CI) when {@code unavailable} holds a reason, such as
     * {@link DockerEngineProcess#unavailableReason()}.
     */
    public static void require(Optional<String> unavailable) {
        require(unavailable, System.getenv());
    }

    /** Skips the calling test (fails it in CI) unless {@code available}, saying {@code why not}. */
    public static void require(boolean available, Supplier<String> whyNot) {
        require(available ? Optional.empty() : Optional.of(whyNot.get()), System.getenv());
    }

    static void require(Optional<String> unavailable, Map<String, String> environment) {
        if (unavailable.isEmpty()) {
            return;
        }
        if (inCi(environment)) {
            throw new AssertionFailedError(
                    "a real part is missing in CI (CI=true), where every part must run: "
                            + unavailable.get());
        }
        // The only skip left in the tests, on purpose: a developer's machine without, say, runsc or
        // root still runs everything else, and the report names the missing part. Never in CI.
        Assumptions.abort(unavailable.get());
    }

    /** True where the environment says this is a CI run. */
    static boolean inCi(Map<String, String> environment) {
        return "true".equalsIgnoreCase(environment.getOrDefault(CI, "").strip());
    }
}
