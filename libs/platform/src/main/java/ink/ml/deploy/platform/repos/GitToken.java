package ink.ml.deploy.platform.repos;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * The record of a push token issued for one internal repository: its id and a display prefix, never
 * the token. The token itself is signed and checked by the git-server without this table; a
 * revocation marked here is published to the git-server ({@link InternalRepos#revocation}).
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

    /**
     * The id inside the signed token (32 hex), what the git-server's revocation list names; null
     * for a token issued before tokens had one recorded (it cannot be revoked by itself).
     */
    @Column(name = "token_id")
    public String tokenId;

    /** {@code dpg_} + the first 8 hex of the token's id: lets a user tell their tokens apart. */
    @Column(nullable = false)
    public String prefix;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Override
    public String toString() {
        return "GitToken[id=" + id + ", repoId=" + repoId + ", prefix=" + prefix + "]";
    }
}
