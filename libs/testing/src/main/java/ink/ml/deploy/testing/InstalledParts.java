package ink.ml.deploy.testing;

import java.util.Optional;

/**
 * The gate for the real parts' {@code start()}, which run outside tests too (the local platform):
 * there nothing is skipped, a missing part fails with what to install. Kept apart from {@link
 * RealParts}, whose skips need JUnit: the launcher runs without it on its class path, and a JVM
 * that verifies RealParts (JDK 25's does, at its first use) then fails to load it.
 */
public final class InstalledParts {
    private InstalledParts() {}

    /**
     * Fails, with the reason, when a part that is about to start is missing.
     *
     * @throws IllegalStateException saying what is missing and how to install it
     */
    public static void require(Optional<String> unavailable) {
        if (unavailable.isPresent()) {
            throw new IllegalStateException(unavailable.get());
        }
    }
}
