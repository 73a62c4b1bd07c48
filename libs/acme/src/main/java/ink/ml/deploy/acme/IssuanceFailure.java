package ink.ml.deploy.acme;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A certificate that was not issued, with the ACME server's own reason where it gave one: the
 * problem document's type (e.g. {@code urn:ietf:params:acme:error:unauthorized}) and detail, as the
 * user should read them, and whether trying again can help ({@link #kind()}).
 */
public final class IssuanceFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final String domain;
    private final FailureKind kind;
    private final URI problemType;
    private final String detail;
    private final Instant retryAfter;

    IssuanceFailure(
            String domain,
            FailureKind kind,
            Optional<URI> problemType,
            String detail,
            Optional<Instant> retryAfter,
            Throwable cause) {
        super(
                "no certificate for "
                        + domain
                        + ": "
                        + detail
                        + problemType.map(type -> " (" + type + ")").orElse(""),
                cause);
        this.domain = Objects.requireNonNull(domain, "domain");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.problemType = problemType.orElse(null);
        this.detail = Objects.requireNonNull(detail, "detail");
        this.retryAfter = retryAfter.orElse(null);
    }

    /** The domain the certificate was for. */
    public String domain() {
        return domain;
    }

    /** Whether the same issuance can succeed when tried again. */
    public FailureKind kind() {
        return kind;
    }

    /**
     * The type of the ACME server's problem document, e.g. {@code
     * urn:ietf:params:acme:error:rejectedIdentifier}; empty where the failure is not the server's
     * answer (it could not be reached, or did not finish in time).
     */
    public Optional<URI> problemType() {
        return Optional.ofNullable(problemType);
    }

    /**
     * What went wrong in plain words: the problem document's detail (with its sub-problems) as the
     * ACME server wrote it, or what this client saw.
     */
    public String detail() {
        return detail;
    }

    /** When the ACME server said to try again (its Retry-After), where it said so. */
    public Optional<Instant> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
