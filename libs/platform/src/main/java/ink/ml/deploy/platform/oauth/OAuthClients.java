package ink.ml.deploy.platform.oauth;

import ink.ml.deploy.platform.common.Timestamps;
import ink.ml.deploy.platform.crypto.TokenHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * MCP clients registered dynamically (RFC 7591). Every client is public (no secret: it runs on a
 * user's machine or in an agent), so PKCE is what binds a code to the client that asked for it.
 */
@ApplicationScoped
public class OAuthClients {
    public static final String CLIENT_ID_PREFIX = "mcp_";
    static final int MAX_REDIRECT_URIS = 10;
    static final int MAX_NAME = 200;

    private static final Pattern CLIENT_ID_SHAPE = Pattern.compile("mcp_[0-9a-f]{32}");

    private final TokenHasher random;

    public OAuthClients(TokenHasher random) {
        this.random = random;
    }

    @Transactional
    public RegisteredClient register(ClientRegistration registration) {
        List<String> uris = registration.redirectUris();
        if (uris == null || uris.isEmpty()) {
            throw new OAuthException(
                    OAuthError.INVALID_REDIRECT_URI, "redirect_uris: at least one is required");
        }
        if (uris.size() > MAX_REDIRECT_URIS) {
            throw new OAuthException(
                    OAuthError.INVALID_REDIRECT_URI,
                    "redirect_uris: at most " + MAX_REDIRECT_URIS + " are allowed");
        }
        List<String> checked = new ArrayList<>(new LinkedHashSet<>(uris));
        checked.forEach(RedirectUris::check);

        OAuthClient client = new OAuthClient();
        client.clientId = CLIENT_ID_PREFIX + random.randomHex(16);
        client.clientName = displayName(registration.clientName(), checked.get(0));
        client.redirectUris = checked;
        client.createdAt = Timestamps.now();
        client.persistAndFlush();
        return RegisteredClient.of(client);
    }

    /** The client with that id; malformed ids are simply absent. */
    @Transactional
    public Optional<RegisteredClient> find(String clientId) {
        if (clientId == null || !CLIENT_ID_SHAPE.matcher(clientId).matches()) {
            return Optional.empty();
        }
        return OAuthClient.<OAuthClient>findByIdOptional(clientId).map(RegisteredClient::of);
    }

    /**
     * Deletes the clients registered before {@code cutoff} that never completed an authorization
     * (no code of theirs was ever exchanged), with their unused codes. Registration is open, so
     * without this every abandoned or scripted registration would be kept forever. A client that
     * was authorized once is kept, even when its tokens have expired or been revoked.
     *
     * @return how many clients were deleted
     */
    @Transactional
    public int deleteUnusedRegisteredBefore(Instant cutoff) {
        return (int)
                OAuthClient.delete(
                        "firstAuthorizedAt is null and createdAt < ?1",
                        Objects.requireNonNull(cutoff, "cutoff"));
    }

    /** Marks the client as used by a completed authorization; only the first one is recorded. */
    void markAuthorized(String clientId, Instant at) {
        OAuthClient.update(
                "firstAuthorizedAt = ?1 where clientId = ?2 and firstAuthorizedAt is null",
                at,
                clientId);
    }

    private static String displayName(String requested, String firstRedirectUri) {
        String name = requested == null ? "" : requested.strip();
        if (name.isEmpty()) {
            // The consent page must name the client somehow: its redirect host is what it controls.
            return URI.create(firstRedirectUri).getHost();
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw new OAuthException(
                    OAuthError.INVALID_CLIENT_METADATA,
                    "client_name: must not contain control characters");
        }
        if (name.length() > MAX_NAME) {
            throw new OAuthException(
                    OAuthError.INVALID_CLIENT_METADATA,
                    "client_name: at most " + MAX_NAME + " characters");
        }
        return name;
    }
}
