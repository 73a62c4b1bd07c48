package ink.ml.deploy.deployer.worker.apply;

import ink.ml.deploy.workflow.domain.CertificatePhase;
import ink.ml.deploy.workflow.domain.CertificateState;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a custom domain's certificate stands, read from cert-manager's resources: the Certificate,
 * and below it the chain cert-manager builds for its latest attempt, a CertificateRequest, that
 * request's ACME Order and the Order's Challenges. A failure is told in the words of the deepest
 * resource that failed: the Challenge knows what the CA saw at the domain's address, the Order what
 * the CA said about the name, the Certificate only that "the request failed". Pure: no client.
 */
final class CertificateDiagnosis {
    /** cert-manager's annotation on a CertificateRequest naming the Certificate it is for. */
    static final String CERTIFICATE_NAME_ANNOTATION = "cert-manager.io/certificate-name";

    /** The Certificate revision a CertificateRequest was made for: a retry has a higher one. */
    static final String CERTIFICATE_REVISION_ANNOTATION = "cert-manager.io/certificate-revision";

    /** Enough for the CA's own sentence and the name it is about; a user reads this. */
    private static final int MAX_REASON_LENGTH = 400;

    /**
     * ACME problem types (RFC 8555 §6.7) with which the CA refuses the name itself: asking again
     * gets the same answer until the user changes the name or its CAA records.
     */
    private static final Pattern NAME_REJECTED =
            Pattern.compile("acme:error:(rejectedIdentifier|caa|unsupportedIdentifier)\\b");

    private CertificateDiagnosis() {}

    /** Whether cert-manager holds an issued, current certificate in the Certificate's Secret. */
    static boolean isReady(GenericKubernetesResource certificate) {
        return isTrue(condition(certificate, "Ready"));
    }

    /** The Certificate's Ready message ("Issuing certificate as Secret does not exist"), or "". */
    static String readyMessage(GenericKubernetesResource certificate) {
        return message(condition(certificate, "Ready"));
    }

    /**
     * @param certificate the domain's Certificate
     * @param requests the CertificateRequests of its namespace (any Certificate's: this picks)
     * @param orders the ACME Orders of its namespace
     * @param challenges the ACME Challenges of its namespace
     */
    static CertificateState of(
            GenericKubernetesResource certificate,
            List<GenericKubernetesResource> requests,
            List<GenericKubernetesResource> orders,
            List<GenericKubernetesResource> challenges) {
        if (isReady(certificate)) {
            return CertificateState.of(CertificatePhase.READY);
        }
        Optional<GenericKubernetesResource> request = latestRequest(certificate, requests);
        Optional<GenericKubernetesResource> order =
                request.flatMap(r -> newest(ownedBy(orders, "CertificateRequest", r)));
        List<GenericKubernetesResource> orderChallenges =
                order.map(o -> ownedBy(challenges, "Order", o)).orElse(List.of());
        Map<String, Object> issuing = condition(certificate, "Issuing");

        // A Challenge the CA marked invalid: it fetched the HTTP-01 token from the domain and got
        // something else (or nothing). The same address answers the same way next time.
        for (GenericKubernetesResource challenge : orderChallenges) {
            if ("invalid".equals(state(challenge))) {
                return CertificateState.failed(
                        firstOf(
                                reason(challenge),
                                message(issuing),
                                "the CA refused the challenge"),
                        false);
            }
        }
        if (order.isPresent()) {
            String state = state(order.get());
            // invalid: the CA gave up on the order (an authorization failed); errored and
            // expired: cert-manager could not finish it (a rate limit, a timeout, the CA
            // unreachable), unless what failed was the CA refusing the name.
            if ("invalid".equals(state) || "errored".equals(state) || "expired".equals(state)) {
                String reason =
                        firstOf(
                                reason(order.get()),
                                challengeReasons(orderChallenges),
                                message(issuing),
                                "the ACME order is " + state);
                return CertificateState.failed(
                        reason, !"invalid".equals(state) && !rejectsName(reason));
            }
        }
        if (request.isPresent()) {
            Map<String, Object> denied = condition(request.get(), "Denied");
            Map<String, Object> invalid = condition(request.get(), "InvalidRequest");
            if (isTrue(denied) || isTrue(invalid)) {
                return CertificateState.failed(
                        firstOf(message(denied), message(invalid), "the request was denied"),
                        false);
            }
            Map<String, Object> requestReady = condition(request.get(), "Ready");
            if ("Failed".equals(requestReady.get("reason"))) {
                String reason = firstOf(message(requestReady), message(issuing));
                return CertificateState.failed(reason, !rejectsName(reason));
            }
        }
        if ("False".equals(issuing.get("status")) && "Failed".equals(issuing.get("reason"))) {
            String reason = firstOf(message(issuing), "cert-manager failed to issue");
            return CertificateState.failed(reason, !rejectsName(reason));
        }
        // Still going: the most specific thing cert-manager says it waits for, typically the
        // Challenge's "Waiting for HTTP-01 challenge propagation: ... connection refused".
        String progress =
                firstOf(
                        challengeReasons(orderChallenges),
                        order.map(CertificateDiagnosis::reason).orElse(""),
                        order.map(o -> state(o).isEmpty() ? "" : "ACME order " + state(o))
                                .orElse(""),
                        request.map(r -> message(condition(r, "Ready"))).orElse(""),
                        message(issuing),
                        readyMessage(certificate),
                        "cert-manager has not picked up the Certificate yet");
        return new CertificateState(CertificatePhase.ISSUING, progress, false);
    }

    /**
     * The CertificateRequest of the Certificate's latest attempt: each attempt's request carries
     * the revision it is for, and a retry after a failure has a higher one than the failed one.
     */
    private static Optional<GenericKubernetesResource> latestRequest(
            GenericKubernetesResource certificate, List<GenericKubernetesResource> requests) {
        String name = certificate.getMetadata().getName();
        return requests.stream()
                .filter(
                        request ->
                                name.equals(annotation(request, CERTIFICATE_NAME_ANNOTATION))
                                        || isOwnedBy(request, "Certificate", certificate))
                .max(
                        Comparator.comparingLong(CertificateDiagnosis::revision)
                                .thenComparing(CertificateDiagnosis::created)
                                .thenComparing(r -> r.getMetadata().getName()));
    }

    private static List<GenericKubernetesResource> ownedBy(
            List<GenericKubernetesResource> resources,
            String ownerKind,
            GenericKubernetesResource owner) {
        return resources.stream().filter(r -> isOwnedBy(r, ownerKind, owner)).toList();
    }

    /** By name, and by uid too where both sides have one: a recreated owner has a new uid. */
    private static boolean isOwnedBy(
            GenericKubernetesResource resource, String ownerKind, GenericKubernetesResource owner) {
        String uid = owner.getMetadata().getUid();
        return Optional.ofNullable(resource.getMetadata().getOwnerReferences())
                .orElse(List.of())
                .stream()
                .anyMatch(
                        reference ->
                                ownerKind.equals(reference.getKind())
                                        && owner.getMetadata().getName().equals(reference.getName())
                                        && sameUid(reference, uid));
    }

    private static boolean sameUid(OwnerReference reference, String uid) {
        return uid == null || reference.getUid() == null || uid.equals(reference.getUid());
    }

    private static Optional<GenericKubernetesResource> newest(
            List<GenericKubernetesResource> resources) {
        return resources.stream()
                .max(
                        Comparator.comparing(CertificateDiagnosis::created)
                                .thenComparing(r -> r.getMetadata().getName()));
    }

    /** RFC 3339 timestamps in UTC compare as strings; a resource without one sorts first. */
    private static String created(GenericKubernetesResource resource) {
        return Objects.requireNonNullElse(resource.getMetadata().getCreationTimestamp(), "");
    }

    private static long revision(GenericKubernetesResource request) {
        try {
            return Long.parseLong(annotation(request, CERTIFICATE_REVISION_ANNOTATION));
        } catch (NumberFormatException unset) {
            return 0;
        }
    }

    private static String annotation(GenericKubernetesResource resource, String key) {
        Map<String, String> annotations = resource.getMetadata().getAnnotations();
        return annotations == null ? "" : Objects.requireNonNullElse(annotations.get(key), "");
    }

    /** A condition of {@code status.conditions} by type; empty when absent. */
    private static Map<String, Object> condition(GenericKubernetesResource resource, String type) {
        if (!(resource.get("status", "conditions") instanceof List<?> conditions)) {
            return Map.of();
        }
        for (Object element : conditions) {
            if (element instanceof Map<?, ?> condition && type.equals(condition.get("type"))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) condition;
                return typed;
            }
        }
        return Map.of();
    }

    private static boolean isTrue(Map<String, Object> condition) {
        return "True".equals(condition.get("status"));
    }

    private static String message(Map<String, Object> condition) {
        return text(condition.get("message"));
    }

    /** An Order's or Challenge's {@code status.state}: pending, ready, valid, invalid, errored. */
    private static String state(GenericKubernetesResource resource) {
        return text(resource.get("status", "state"));
    }

    private static String reason(GenericKubernetesResource resource) {
        return text(resource.get("status", "reason"));
    }

    private static String challengeReasons(List<GenericKubernetesResource> challenges) {
        return firstOf(
                challenges.stream().map(CertificateDiagnosis::reason).toArray(String[]::new));
    }

    private static boolean rejectsName(String reason) {
        return NAME_REJECTED.matcher(reason).find();
    }

    private static String text(Object value) {
        return value instanceof String text ? text.strip() : "";
    }

    private static String firstOf(String... candidates) {
        String first = Stream.of(candidates).filter(c -> !c.isBlank()).findFirst().orElse("");
        return first.length() <= MAX_REASON_LENGTH
                ? first
                : first.substring(0, MAX_REASON_LENGTH - 1) + "…";
    }
}
