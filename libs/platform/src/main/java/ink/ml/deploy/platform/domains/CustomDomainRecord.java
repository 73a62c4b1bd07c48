package ink.ml.deploy.platform.domains;

import ink.ml.deploy.platform.pagination.Cursor;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A customer domain attached to a service (row of {@code custom_domains}); named apart from the
 * libs/domain value {@code CustomDomain} it stores. A domain name is claimed by at most one service
 * on the whole platform.
 *
 * <p>Written by the owner (a verification request) and by the domain's workflow (checks,
 * certificate) at the same time: an update writes only the columns it changed, so neither puts back
 * what the other had read before it wrote.
 */
@Entity
@DynamicUpdate
@Table(name = "custom_domains")
public class CustomDomainRecord extends PanacheEntityBase {
    @Id public UUID id;

    @Column(name = "service_id", nullable = false)
    public UUID serviceId;

    /** ASCII (punycode), lowercase, no trailing dot: {@code CustomDomain.value()}. */
    @Column(nullable = false)
    public String domain;

    @Column(name = "verification_token", nullable = false)
    public String verificationToken;

    @Column(name = "txt_verified_at")
    public Instant txtVerifiedAt;

    @Column(name = "cname_verified_at")
    public Instant cnameVerifiedAt;

    @Column(name = "last_checked_at")
    public Instant lastCheckedAt;

    @Column(name = "last_check_error")
    public String lastCheckError;

    /** The last check's outcome for the TXT record ({@link RecordStatus}); null before one. */
    @Column(name = "txt_check")
    public String txtCheck;

    @Column(name = "txt_found")
    public String txtFound;

    @Column(name = "cname_check")
    public String cnameCheck;

    @Column(name = "cname_found")
    public String cnameFound;

    @Column(name = "verification_requested_at")
    public Instant verificationRequestedAt;

    @Convert(converter = CertStatus.Column.class)
    @Column(name = "cert_status", nullable = false)
    public CertStatus certStatus;

    @Column(name = "cert_error")
    public String certError;

    /** When a scheduled check first found the records of an active domain gone; else null. */
    @Column(name = "records_missing_since")
    public Instant recordsMissingSince;

    /** When a flagged domain is detached if its records stay away; set with the above. */
    @Column(name = "detach_after")
    public Instant detachAfter;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public boolean isVerified() {
        return txtVerifiedAt != null && cnameVerifiedAt != null;
    }

    public Cursor cursor() {
        return new Cursor(createdAt, id);
    }
}
