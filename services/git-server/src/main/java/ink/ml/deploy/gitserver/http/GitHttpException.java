package ink.ml.deploy.gitserver.http;

/**
 * A request the git-server refuses, with the HTTP status and the line the git client shows its user
 * ({@code remote: <message>}, as git prints a {@code text/plain} error body). The message never
 * quotes a token.
 */
public final class GitHttpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public GitHttpException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
