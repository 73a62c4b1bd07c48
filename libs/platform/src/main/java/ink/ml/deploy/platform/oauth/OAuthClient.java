package ink.ml.deploy.platform.oauth;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An MCP client registered dynamically (RFC 7591). Redirect URIs are matched exactly, never by
 * prefix.
 */
@Entity
@Table(name = "oauth_clients")
public class OAuthClient extends PanacheEntityBase {
    @Id
    @Column(name = "client_id")
    public String clientId;

    @Column(name = "client_name", nullable = false)
    public String clientName;

    /** A PostgreSQL {@code text[]} of 1 to 10 URIs. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "redirect_uris", nullable = false)
    public List<String> redirectUris;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /**
     * When a code of this client was first exchanged for tokens (V7); null for a client that never
     * completed an authorization, which is deleted once it is old enough.
     */
    @Column(name = "first_authorized_at")
    public Instant firstAuthorizedAt;
}
