package ink.ml.deploy.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Makes the base image layers of {@link TestBaseImages} that the cache lacks, one after another, so
 * that the tests needing them later find them made. {@code ./run-tests} starts it in the background
 * early in the Maven run (libs/testing's {@code warm-base-images} profile); a test that needs a
 * layer being made waits for it ({@link CachedFile}) instead of making it a second time.
 *
 * <p>Arguments: the kinds to make, in order (default: every kind, the e2e suite's slowest first).
 * Stopping it (Maven ends, Ctrl-C) stops the debootstrap or apt-get it runs; the half-made root is
 * thrown away by the next one to make it.
 */
public final class WarmBaseImages {
    /** The runtime first (libs/testing's own test needs it next), then the slowest to make. */
    private static final List<TestBaseImages.Kind> ORDER =
            List.of(
                    TestBaseImages.Kind.RUNTIME,
                    TestBaseImages.Kind.STATIC,
                    TestBaseImages.Kind.NODE,
                    TestBaseImages.Kind.GO,
                    TestBaseImages.Kind.JDK,
                    TestBaseImages.Kind.JRE,
                    TestBaseImages.Kind.PYTHON);

    private WarmBaseImages() {}

    public static void main(String[] args) {
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () ->
                                        ProcessHandle.current()
                                                .descendants()
                                                .forEach(ProcessHandle::destroy),
                                "stop-debootstrap"));
        // Started by Maven (nice execs java, so the parent is Maven's JVM): ends with it, however
        // Maven ends, rather than trust the plugin to stop it.
        if (Boolean.getBoolean("warm.with-parent")) {
            ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
            if (parent == null || parent.pid() == 1) {
                say("the process that started this has ended already");
                return;
            }
            parent.onExit().thenRun(() -> System.exit(0));
        }
        List<TestBaseImages.Kind> kinds = new ArrayList<>();
        for (String argument : args) {
            kinds.add(TestBaseImages.Kind.valueOf(argument.toUpperCase(Locale.ROOT)));
        }
        if (kinds.isEmpty()) {
            kinds.addAll(ORDER);
        }
        String why = DebianRootfs.unavailableReason().orElse(null);
        if (why != null) {
            say("nothing to warm: " + why);
            return;
        }
        long all = System.nanoTime();
        for (TestBaseImages.Kind kind : kinds) {
            boolean cached = TestBaseImages.isCached(kind);
            long start = System.nanoTime();
            try {
                TestBaseImages.layer(kind);
            } catch (RuntimeException e) {
                // The test that needs it makes it again and fails with the whole story.
                say(kind + " failed: " + e.getMessage());
                continue;
            }
            say(
                    String.format(
                            "%-7s %s in %.1f s",
                            kind,
                            cached ? "was cached, layer checked" : "made",
                            (System.nanoTime() - start) / 1e9));
        }
        say(String.format("done in %.1f s", (System.nanoTime() - all) / 1e9));
    }

    private static void say(String line) {
        System.out.println("[warm-base-images] " + line);
    }
}
