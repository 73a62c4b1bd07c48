package ink.ml.deploy.gitserver.support;

import java.util.concurrent.atomic.AtomicInteger;

/** Repository paths no other test uses, so tests share one server without seeing each other. */
public final class Repos {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000, 36);

    private Repos() {}

    /** A user id of its own (1 to 12 [a-z0-9]). */
    public static String newUser() {
        return "u" + RUN + NEXT.incrementAndGet();
    }

    /** {@code {fresh user}/shop/{repo}}. */
    public static String newPath(String repo) {
        return newUser() + "/shop/" + repo;
    }
}
