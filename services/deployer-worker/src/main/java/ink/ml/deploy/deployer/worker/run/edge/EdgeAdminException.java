package ink.ml.deploy.deployer.worker.run.edge;

/**
 * The edge's admin API did not do what was asked: it does not answer, or it refused the change. The
 * message says which call and why; it never carries an app's environment.
 */
public class EdgeAdminException extends RuntimeException {

    public EdgeAdminException(String message) {
        super(message);
    }

    public EdgeAdminException(String message, Throwable cause) {
        super(message, cause);
    }
}
