package ink.ml.deploy.platform.oauth;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A single-use, short-lived authorization code (PKCE S256). Only a keyed hash of the code is
 * stored, and it is the primary key: the token exchange looks the code up by it.
 */
@Entity
@Table(name = "oauth_authorization_codes")
public class OAuthAuthorizationCode extends PanacheEntityBase {
    @Id
    @Column(name = "code_hash")
    public byte[] codeHash;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    /** The grant the tokens issued for this code belong to (V6). */
    @Column(name = "grant_id", nullable = false)
    public UUID grantId;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "redirect_uri", nullable = false)
    public String redirectUri;

    /** BASE64URL(SHA-256(code_verifier)). */
    @Column(name = "code_challenge", nullable = false)
    public String codeChallenge;

    /** The resource (RFC 8707) the tokens will be bound to. */
    @Column(nullable = false)
    public String resource;

    @Column(nullable = false)
    public String scope;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    /** Set when the code is exchanged; a second exchange is refused. */
    @Column(name = "used_at")
    public Instant usedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Override
    public String toString() {
        return "OAuthAuthorizationCode[clientId=" + clientId + ", userId=" + userId + "]";
    }
}
