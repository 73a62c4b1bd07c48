package ink.ml.deploy.domain;

import java.util.Objects;

/**
 * The two DNS records a user must create before a custom domain is served: a TXT record proving
 * ownership and a CNAME sending traffic to the service's per-service target.
 */
public record DomainVerificationRecords(
        CustomDomain domain, VerificationToken token, String cnameTarget) {
    static final String TXT_LABEL = "_dp-verify";
    static final String TXT_VALUE_PREFIX = "dp-verify=";

    public DomainVerificationRecords {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(cnameTarget, "cnameTarget");
    }

    public static DomainVerificationRecords forService(
            CustomDomain domain, VerificationToken token, Cluster cluster, ServiceRef service) {
        return new DomainVerificationRecords(domain, token, cluster.cnameTarget(service));
    }

    /** {@code _dp-verify.{domain}} */
    public String txtName() {
        return TXT_LABEL + "." + domain.value();
    }

    /** {@code dp-verify={token}} */
    public String txtValue() {
        return TXT_VALUE_PREFIX + token.value();
    }

    /** The CNAME record's own name: the domain itself. */
    public String cnameName() {
        return domain.value();
    }

    /** True when one of the TXT strings found in DNS is the expected proof. */
    public boolean txtMatches(Iterable<String> txtStrings) {
        for (String found : txtStrings) {
            if (txtValue().equals(found.strip())) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the CNAME found in DNS points at this service's target (trailing dot, any case).
     */
    public boolean cnameMatches(String found) {
        if (found == null) {
            return false;
        }
        String normalized = found.strip().toLowerCase(java.util.Locale.ROOT);
        if (normalized.endsWith(".")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        return cnameTarget.equals(normalized);
    }
}
