package ink.ml.deploy.platform.oauth;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * An access or refresh token issued to an MCP client, audience-bound and expiring. Only a keyed
 * hash is stored. Tokens of one authorization share a grant id, so reuse of a rotated refresh token
 * revokes the whole grant.
 */
@Entity
@Table(name = "oauth_tokens")
public class OAuthToken extends PanacheEntityBase {
    public static final String KIND_ACCESS = "access";
    public static final String KIND_REFRESH = "refresh";

    @Id public UUID id;

    @Column(name = "token_hash", nullable = false)
    public byte[] tokenHash;

    /** {@link #KIND_ACCESS} or {@link #KIND_REFRESH}. */
    @Column(nullable = false)
    public String kind;

    @Column(name = "grant_id", nullable = false)
    public UUID grantId;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(nullable = false)
    public String audience;

    @Column(nullable = false)
    public String scope;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    /** For a refresh token: when it was exchanged for a new pair. */
    @Column(name = "rotated_at")
    public Instant rotatedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Override
    public String toString() {
        return "OAuthToken[id=" + id + ", kind=" + kind + ", grantId=" + grantId + "]";
    }
}
