package ink.ml.deploy.github.oauth;

/**
 * A GitHub sign-in that cannot finish, with a message a person can act on. {@link #isUsersFault()}
 * tells a refused or stale request (start again: 400) from GitHub being unreachable or
 * misconfigured here (try again later: 502).
 */
public final class GithubSignInException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean usersFault;

    private GithubSignInException(String message, boolean usersFault, Throwable cause) {
        super(message, cause);
        this.usersFault = usersFault;
    }

    /** The browser's request is wrong or stale: start again. */
    public static GithubSignInException rejected(String message) {
        return new GithubSignInException(message, true, null);
    }

    /** GitHub failed or answered something unexpected: try again later. */
    public static GithubSignInException unavailable(String message, Throwable cause) {
        return new GithubSignInException(message, false, cause);
    }

    public boolean isUsersFault() {
        return usersFault;
    }
}
