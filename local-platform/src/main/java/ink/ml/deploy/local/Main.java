package ink.ml.deploy.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./run-platform}: starts the {@link LocalPlatform} from the checkout it runs in, prints how
 * to use it, and runs until Ctrl-C, which stops everything it started.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        // Embedded PostgreSQL, Temporal and fabric8 are chatty at info; their warnings still show.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        long start = System.nanoTime();
        LocalPlatformOptions options =
                LocalPlatformOptions.defaults(Path.of(".")).withStartupCache();
        for (String argument : args) {
            if (argument.equals("--in-memory-kubernetes")) {
                options = options.withInMemoryKubernetes();
            } else if (argument.equals(BaseImageStandIns.MAKE_ARGUMENT)) {
                options = options.withEveryBaseImage();
            } else {
                System.err.println("unknown argument '" + argument + "'");
                System.exit(2);
            }
        }
        LocalPlatform platform;
        try {
            platform = LocalPlatform.start(options);
        } catch (RuntimeException e) {
            System.err.println("The platform did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Duration startup = Duration.ofNanos(System.nanoTime() - start);
        System.out.println(Welcome.of(platform).text());
        System.out.printf(
                "Everything answered %.1f s after the launcher started.%n",
                startup.toMillis() / 1000.0);
        // The platform's shutdown hook stops everything on Ctrl-C; until then, wait.
        new CountDownLatch(1).await();
    }
}
