package ink.ml.deploy.platform.domains;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Where a custom domain's TLS certificate stands (column {@code custom_domains.cert_status}). */
public enum CertStatus {
    /** Waiting for the TXT and CNAME records; nothing is requested from the CA yet. */
    PENDING_VERIFICATION("pending_verification"),
    /** Records verified; cert-manager is obtaining the certificate (phase 1). */
    ISSUING("issuing"),
    /** Certificate ready; the domain's TLS Ingress serves traffic (phase 2). */
    READY("ready"),
    /** The CA refused for good (invalid domain, CAA, rate limit, denied); see the error. */
    FAILED("failed");

    private final String value;

    CertStatus(String value) {
        this.value = value;
    }

    /** The value stored in the database and shown by the APIs. */
    public String value() {
        return value;
    }

    /** Whether a certificate may be in this state before both DNS records are verified. */
    boolean allowedUnverified() {
        return this == PENDING_VERIFICATION || this == FAILED;
    }

    public static CertStatus of(String value) {
        for (CertStatus status : values()) {
            if (status.value.equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown certificate status " + value);
    }

    /** Maps the enum to its lowercase column value. */
    @Converter
    public static class Column implements AttributeConverter<CertStatus, String> {
        @Override
        public String convertToDatabaseColumn(CertStatus status) {
            return status == null ? null : status.value;
        }

        @Override
        public CertStatus convertToEntityAttribute(String value) {
            return value == null ? null : CertStatus.of(value);
        }
    }
}
