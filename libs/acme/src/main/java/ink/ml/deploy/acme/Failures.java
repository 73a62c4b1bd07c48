package ink.ml.deploy.acme;

import java.time.Duration;
import java.util.Optional;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeProtocolException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeRetryAfterException;
import org.shredzone.acme4j.exception.AcmeServerException;

/** The {@link IssuanceFailure} for each way an issuance ends without a certificate. */
final class Failures {
    private Failures() {}

    /** An exception from acme4j: the server's problem document where there is one. */
    static IssuanceFailure of(String domain, AcmeDirectory directory, AcmeException e) {
        if (e instanceof AcmeServerException server) {
            Problem problem = server.getProblem();
            return new IssuanceFailure(
                    domain,
                    AcmeProblems.kindOf(problem),
                    Optional.of(AcmeProblems.typeOf(problem)),
                    problem.toString(),
                    server instanceof AcmeRateLimitedException limited
                            ? limited.getRetryAfter()
                            : Optional.empty(),
                    e);
        }
        if (e instanceof AcmeNetworkException) {
            Optional<Throwable> refusal = Optional.of(e.getCause());
            if (!TlsTrustProbe.refusedCertificate(e)) {
                refusal = TlsTrustProbe.certificateRefusal(directory);
                refusal.ifPresent(e::addSuppressed);
            }
            if (refusal.isPresent()) {
                return new IssuanceFailure(
                        domain,
                        FailureKind.PERMANENT,
                        Optional.empty(),
                        "the TLS certificate of the ACME server at "
                                + directory.url()
                                + " is not trusted (check the trusted certificates): "
                                + describe(refusal.get()),
                        Optional.empty(),
                        e);
            }
            return new IssuanceFailure(
                    domain,
                    FailureKind.TRANSIENT,
                    Optional.empty(),
                    "cannot reach the ACME server at "
                            + directory.url()
                            + ": "
                            + describe(e.getCause()),
                    Optional.empty(),
                    e);
        }
        if (e instanceof AcmeRetryAfterException later) {
            return new IssuanceFailure(
                    domain,
                    FailureKind.TRANSIENT,
                    Optional.empty(),
                    "the ACME server asked to try again later: " + e.getMessage(),
                    Optional.of(later.getRetryAfter()),
                    e);
        }
        return new IssuanceFailure(
                domain,
                FailureKind.TRANSIENT,
                Optional.empty(),
                "the ACME server at " + directory.url() + " failed: " + describe(e),
                Optional.empty(),
                e);
    }

    /**
     * A challenge, authorization or order the server decided against: its problem document, or
     * {@code what} when it gave none.
     */
    static IssuanceFailure refused(String domain, Optional<Problem> problem, String what) {
        return problem.map(
                        found ->
                                new IssuanceFailure(
                                        domain,
                                        AcmeProblems.kindOf(found),
                                        Optional.of(AcmeProblems.typeOf(found)),
                                        found.toString(),
                                        Optional.empty(),
                                        null))
                .orElseGet(
                        () ->
                                new IssuanceFailure(
                                        domain,
                                        FailureKind.PERMANENT,
                                        Optional.empty(),
                                        what + ", and the ACME server gave no reason",
                                        Optional.empty(),
                                        null));
    }

    static IssuanceFailure noHttp01(String domain) {
        return new IssuanceFailure(
                domain,
                FailureKind.PERMANENT,
                Optional.empty(),
                "the ACME server offers no HTTP-01 challenge for it, the only kind answered here",
                Optional.empty(),
                null);
    }

    static IssuanceFailure timedOut(String domain, String what, Duration timeout, Status status) {
        return new IssuanceFailure(
                domain,
                FailureKind.TRANSIENT,
                Optional.empty(),
                "the ACME server had not finished "
                        + what
                        + " after "
                        + timeout.toSeconds()
                        + " s (still "
                        + status.name().toLowerCase()
                        + ")",
                Optional.empty(),
                null);
    }

    static IssuanceFailure responder(String domain, String action, RuntimeException e) {
        return new IssuanceFailure(
                domain,
                FailureKind.TRANSIENT,
                Optional.empty(),
                "could not " + action + " the HTTP-01 answer: " + describe(e),
                Optional.empty(),
                e);
    }

    static IssuanceFailure unexpected(String domain, AcmeProtocolException e) {
        return new IssuanceFailure(
                domain,
                FailureKind.TRANSIENT,
                Optional.empty(),
                "the ACME server's answer could not be understood: " + describe(e),
                Optional.empty(),
                e);
    }

    static IssuanceFailure interrupted(String domain, InterruptedException e) {
        return new IssuanceFailure(
                domain,
                FailureKind.TRANSIENT,
                Optional.empty(),
                "interrupted before the certificate was issued",
                Optional.empty(),
                e);
    }

    private static String describe(Throwable e) {
        if (e == null) {
            return "no reason given";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
