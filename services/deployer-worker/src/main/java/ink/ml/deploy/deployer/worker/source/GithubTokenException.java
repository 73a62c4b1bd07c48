package ink.ml.deploy.deployer.worker.source;

/**
 * GitHub did not hand out an installation token. {@link #permanent()} when retrying cannot help
 * (the installation is gone, the App is not configured); otherwise transient.
 */
public class GithubTokenException extends RuntimeException {
    private final boolean permanent;

    public GithubTokenException(String message, boolean permanent) {
        super(message);
        this.permanent = permanent;
    }

    public GithubTokenException(String message, Throwable cause) {
        super(message, cause);
        this.permanent = false;
    }

    public boolean permanent() {
        return permanent;
    }
}
