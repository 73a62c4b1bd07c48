package ink.ml.deploy.acme;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.shredzone.acme4j.Problem;

/**
 * Whether an ACME problem document (RFC 8555 §6.7) means that trying again can succeed.
 *
 * <p>Permanent: the name is refused (rejectedIdentifier, unsupportedIdentifier, caa), the
 * validation found the wrong answer (unauthorized, incorrectResponse), the account or request was
 * refused (malformed, badCSR, userActionRequired, ...), or a rate limit was hit: Let's Encrypt's
 * windows are hours to a week, far beyond a retry's backoff, so the user is told at once.
 * Transient: the server's own error, a refused nonce, an order not ready yet, and the validation's
 * network failures (connection, dns, tls), which a record still propagating or an edge still
 * starting explains. A type this list does not know is permanent: the CA's words go to the user
 * instead of retries that would most likely fail the same way.
 */
final class AcmeProblems {
    static final String ERROR_PREFIX = "urn:ietf:params:acme:error:";
    private static final String COMPOUND = "compound";

    private static final Map<String, FailureKind> KINDS =
            Map.ofEntries(
                    Map.entry("accountDoesNotExist", FailureKind.PERMANENT),
                    Map.entry("alreadyRevoked", FailureKind.PERMANENT),
                    Map.entry("badCSR", FailureKind.PERMANENT),
                    Map.entry("badNonce", FailureKind.TRANSIENT),
                    Map.entry("badPublicKey", FailureKind.PERMANENT),
                    Map.entry("badRevocationReason", FailureKind.PERMANENT),
                    Map.entry("badSignatureAlgorithm", FailureKind.PERMANENT),
                    Map.entry("caa", FailureKind.PERMANENT),
                    Map.entry("connection", FailureKind.TRANSIENT),
                    Map.entry("dns", FailureKind.TRANSIENT),
                    Map.entry("externalAccountRequired", FailureKind.PERMANENT),
                    Map.entry("incorrectResponse", FailureKind.PERMANENT),
                    Map.entry("invalidContact", FailureKind.PERMANENT),
                    Map.entry("malformed", FailureKind.PERMANENT),
                    Map.entry("orderNotReady", FailureKind.TRANSIENT),
                    Map.entry("rateLimited", FailureKind.PERMANENT),
                    Map.entry("rejectedIdentifier", FailureKind.PERMANENT),
                    Map.entry("serverInternal", FailureKind.TRANSIENT),
                    Map.entry("tls", FailureKind.TRANSIENT),
                    Map.entry("unauthorized", FailureKind.PERMANENT),
                    Map.entry("unsupportedContact", FailureKind.PERMANENT),
                    Map.entry("unsupportedIdentifier", FailureKind.PERMANENT),
                    Map.entry("userActionRequired", FailureKind.PERMANENT));

    private AcmeProblems() {}

    /** The kind of {@code problem}; a compound problem is permanent when any part of it is. */
    static FailureKind kindOf(Problem problem) {
        if (isType(problem.getType(), COMPOUND) && !problem.getSubProblems().isEmpty()) {
            return problem.getSubProblems().stream()
                            .anyMatch(part -> kindOf(part) == FailureKind.PERMANENT)
                    ? FailureKind.PERMANENT
                    : FailureKind.TRANSIENT;
        }
        return kindOf(problem.getType());
    }

    /** The kind of a problem of {@code type}; a type not listed is permanent. */
    static FailureKind kindOf(URI type) {
        return name(type).map(KINDS::get).orElse(FailureKind.PERMANENT);
    }

    /**
     * The type that says most about {@code problem}: for a compound problem, its first permanent
     * part's type (else its first part's), for any other its own.
     */
    static URI typeOf(Problem problem) {
        if (!isType(problem.getType(), COMPOUND) || problem.getSubProblems().isEmpty()) {
            return problem.getType();
        }
        return problem.getSubProblems().stream()
                .filter(part -> kindOf(part) == FailureKind.PERMANENT)
                .findFirst()
                .orElse(problem.getSubProblems().get(0))
                .getType();
    }

    private static boolean isType(URI type, String name) {
        return name(type).filter(name::equals).isPresent();
    }

    private static Optional<String> name(URI type) {
        String text = type.toString();
        return text.startsWith(ERROR_PREFIX)
                ? Optional.of(text.substring(ERROR_PREFIX.length()))
                : Optional.empty();
    }
}
