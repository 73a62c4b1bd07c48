package ink.ml.deploy.local;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./run-platform}: starts the {@link LocalPlatform}, prints how to use it, and runs until
 * Ctrl-C, which stops everything it started.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        LocalPlatformOptions options = LocalPlatformOptions.defaults(Path.of("."));
        LocalPlatform platform;
        try {
            platform = LocalPlatform.start(options);
        } catch (RuntimeException e) {
            System.err.println("The platform did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println(Welcome.text(platform));
        // The platform's own shutdown hook stops everything on Ctrl-C; until then, wait.
        new CountDownLatch(1).await();
    }
}
