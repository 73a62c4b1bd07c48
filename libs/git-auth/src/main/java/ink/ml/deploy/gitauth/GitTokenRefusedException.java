package ink.ml.deploy.gitauth;

/**
 * A presented git token does not allow what was asked. The message says why in words a git user can
 * act on, and never quotes the token.
 */
public final class GitTokenRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a token was refused. */
    public enum Reason {
        MALFORMED("the token is not a git token of this platform"),
        UNKNOWN_KEY("the token was signed with a key that is no longer accepted: get a new one"),
        BAD_SIGNATURE("the token's signature does not match: it was altered or forged"),
        EXPIRED("the token has expired: get a new one"),
        REVOKED("the token was revoked: get a new one"),
        WRONG_REPO("the token is for another repository"),
        WRONG_ACCESS("the token only allows reading (clone, fetch), not pushing");

        private final String message;

        Reason(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    private final Reason reason;

    public GitTokenRefusedException(Reason reason) {
        super(reason.message());
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
