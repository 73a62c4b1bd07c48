package ink.ml.deploy.platform.common;

/**
 * The thing does not exist or belongs to someone else. One error for both, so a caller can never
 * learn that another user's project, service or deployment exists.
 */
public final class NotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String kind;
    private final String reference;

    public NotFoundException(String kind, String reference) {
        super(kind + " " + reference + " not found");
        this.kind = kind;
        this.reference = reference;
    }

    /** What was looked for: {@code project}, {@code service}, {@code deployment}, … */
    public String kind() {
        return kind;
    }

    /** What the caller named it by, usually its id. */
    public String reference() {
        return reference;
    }
}
