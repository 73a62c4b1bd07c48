package ink.ml.deploy.platform.repos;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * The audit record of a push token issued for one internal repository: a lookup prefix and a keyed
 * hash, never the token. The token itself is signed and checked by the git-server without this
 * table; see {@link InternalRepos} for what revocation means.
 */
@Entity
@Table(name = "git_tokens")
public class GitToken extends PanacheEntityBase {
    @Id public UUID id;

    @Column(name = "repo_id", nullable = false)
    public UUID repoId;

    /** Who issued it; a push with the token acts as this user. */
    @Column(name = "user_id", nullable = false)
    public String userId;

    /** {@code dpg_} + the first 8 hex of the signed token's nonce: names the row of a token. */
    @Column(nullable = false)
    public String prefix;

    /** HMAC-SHA256 of the whole token under the token pepper. */
    @Column(nullable = false)
    public byte[] hash;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    public boolean isValidAt(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }

    @Override
    public String toString() {
        return "GitToken[id=" + id + ", repoId=" + repoId + ", prefix=" + prefix + "]";
    }
}
