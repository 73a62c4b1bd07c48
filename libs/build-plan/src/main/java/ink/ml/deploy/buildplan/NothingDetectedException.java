package ink.ml.deploy.buildplan;

/**
 * No plan could be made. The message says what was looked for and how to fix it (add a file, set a
 * start command, choose a strategy); the build fails with it as the user's reason. Not final: the
 * planner tells some cases apart internally (a package.json with nothing to run lets {@code auto}
 * fall through to the next language).
 */
public class NothingDetectedException extends RuntimeException {
    public NothingDetectedException(String message) {
        super(message);
    }
}
