package ink.ml.deploy.graphql.auth.github;

/**
 * A GitHub sign-in that cannot finish, with a message a person can act on. {@link #isUsersFault()}
 * tells a refused or stale code (start again) from GitHub being unreachable or misconfigured here.
 */
class GithubSignInException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean usersFault;

    private GithubSignInException(String message, boolean usersFault, Throwable cause) {
        super(message, cause);
        this.usersFault = usersFault;
    }

    /** The browser's request is wrong or stale: 400, start again. */
    static GithubSignInException rejected(String message) {
        return new GithubSignInException(message, true, null);
    }

    /** GitHub failed or answered something unexpected: 502, try again later. */
    static GithubSignInException unavailable(String message, Throwable cause) {
        return new GithubSignInException(message, false, cause);
    }

    boolean isUsersFault() {
        return usersFault;
    }
}
