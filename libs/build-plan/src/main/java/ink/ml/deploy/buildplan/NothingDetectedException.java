package ink.ml.deploy.buildplan;

/**
 * No plan could be made. The message says what was looked for and how to fix it (add a file, set a
 * start command, choose a strategy); the build fails with it as the user's reason.
 */
public final class NothingDetectedException extends RuntimeException {
    public NothingDetectedException(String message) {
        super(message);
    }
}
