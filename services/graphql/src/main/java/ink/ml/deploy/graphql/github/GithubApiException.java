package ink.ml.deploy.graphql.github;

/** GitHub refused or failed a call made for the user; the message says what to do. */
public final class GithubApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;

    public GithubApiException(int httpStatus, String message) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
    }

    /** The status the callback answers with. */
    public int httpStatus() {
        return httpStatus;
    }
}
