package ink.ml.deploy.platform.sessions;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A dashboard sign-in: a keyed hash of the bearer token, who it signs in, and until when. The token
 * itself exists only in the client.
 */
@Entity
@Table(name = "sessions")
public class Session extends PanacheEntityBase {
    @Id public UUID id;

    @Column(name = "user_id", nullable = false)
    public String userId;

    /** HMAC-SHA256 of the whole token under the token pepper. */
    @Column(name = "token_hash", nullable = false)
    public byte[] tokenHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    public boolean isValidAt(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }

    @Override
    public String toString() {
        return "Session[id=" + id + ", userId=" + userId + "]";
    }
}
