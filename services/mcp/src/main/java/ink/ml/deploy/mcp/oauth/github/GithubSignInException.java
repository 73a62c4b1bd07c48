package ink.ml.deploy.mcp.oauth.github;

/** GitHub sign-in failed: the user's doing (start again) or GitHub's (try later). */
public final class GithubSignInException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean usersFault;

    private GithubSignInException(String message, boolean usersFault, Throwable cause) {
        super(message, cause);
        this.usersFault = usersFault;
    }

    static GithubSignInException rejected(String message) {
        return new GithubSignInException(message, true, null);
    }

    static GithubSignInException unavailable(String message, Throwable cause) {
        return new GithubSignInException(message, false, cause);
    }

    public boolean isUsersFault() {
        return usersFault;
    }
}
