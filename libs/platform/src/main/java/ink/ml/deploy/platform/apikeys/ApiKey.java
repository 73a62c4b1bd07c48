package ink.ml.deploy.platform.apikeys;

import ink.ml.deploy.platform.pagination.Cursor;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * An API key of a user. Only a lookup prefix and a keyed hash of the secret are stored: the secret
 * itself is shown once, when the key is created.
 */
@Entity
@Table(name = "api_keys")
public class ApiKey extends PanacheEntityBase {
    @Id public UUID id;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(nullable = false)
    public String name;

    /** The first characters of the secret ({@code dk_live_} + 8 hex): finds the row to check. */
    @Column(nullable = false)
    public String prefix;

    /** HMAC-SHA256 of the whole secret under the token pepper. */
    @Column(nullable = false)
    public byte[] hash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    public boolean isRevoked() {
        return revokedAt != null;
    }

    public Cursor cursor() {
        return new Cursor(createdAt, id);
    }

    @Override
    public String toString() {
        return "ApiKey[id=" + id + ", prefix=" + prefix + "]";
    }
}
