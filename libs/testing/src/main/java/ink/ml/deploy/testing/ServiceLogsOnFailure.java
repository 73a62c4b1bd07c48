package ink.ml.deploy.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints what the services said when a test fails, for tests that run the services as processes:
 * the cause of a failed deployment is in their logs, not in the assertion. Register it as a static
 * {@code @RegisterExtension} field; {@code print} is called only on failure, and may find the
 * services not started yet.
 */
public final class ServiceLogsOnFailure implements TestWatcher {
    private final Runnable print;

    public ServiceLogsOnFailure(Runnable print) {
        this.print = print;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        print.run();
    }
}
