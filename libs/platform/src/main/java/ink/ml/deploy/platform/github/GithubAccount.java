package ink.ml.deploy.platform.github;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A user's link to their GitHub account: the OAuth token (only ever stored sealed, with the id of
 * the key that sealed it) and the GitHub App installation that lets the platform clone their repos.
 */
@Entity
@Table(name = "github_accounts")
public class GithubAccount extends PanacheEntityBase {
    @Id
    @Column(name = "user_id")
    public String userId;

    @Column(name = "github_user_id", nullable = false)
    public long githubUserId;

    @Column(nullable = false)
    public String login;

    /** AES-GCM of the OAuth token, associated data {@code github/<userId>}. */
    @Column(name = "token_ciphertext")
    public byte[] tokenCiphertext;

    @Column(name = "token_key_id")
    public String tokenKeyId;

    @Column(name = "installation_id")
    public Long installationId;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Override
    public String toString() {
        return "GithubAccount[userId=" + userId + ", login=" + login + "]";
    }
}
