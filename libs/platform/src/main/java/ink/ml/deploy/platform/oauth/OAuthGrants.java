package ink.ml.deploy.platform.oauth;

import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.Ids;
import ink.ml.deploy.platform.common.Timestamps;
import ink.ml.deploy.platform.crypto.TokenHasher;
import ink.ml.deploy.platform.users.User;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The life of an MCP authorization (a "grant"): the code the consent page issues, the access and
 * refresh tokens it is exchanged for, their rotation and revocation. Codes and tokens are opaque
 * random strings; only their keyed hashes are stored, and rows are found by that hash.
 *
 * <p>Security properties, each tested: a code works once, briefly, only for the client and redirect
 * URI it was issued to and only with the PKCE verifier of its challenge; presenting a used code
 * again revokes what it produced. Access tokens expire and carry the resource they were issued for
 * as audience. A refresh token works once: the exchange rotates it, and presenting a rotated one
 * again (a sign it was stolen) revokes the whole grant.
 */
@ApplicationScoped
public class OAuthGrants {
    public static final String CODE_PREFIX = "dk_code_";
    public static final String ACCESS_TOKEN_PREFIX = "dk_at_";
    public static final String REFRESH_TOKEN_PREFIX = "dk_rt_";

    private static final int SECRET_BYTES = 32;
    private static final Pattern CODE_SHAPE = Pattern.compile("dk_code_[0-9a-f]{64}");
    private static final Pattern ACCESS_SHAPE = Pattern.compile("dk_at_[0-9a-f]{64}");
    private static final Pattern REFRESH_SHAPE = Pattern.compile("dk_rt_[0-9a-f]{64}");

    private final TokenHasher hasher;
    private final OAuthConfig config;
    private final OAuthClients clients;

    public OAuthGrants(TokenHasher hasher, OAuthConfig config, OAuthClients clients) {
        this.hasher = hasher;
        this.config = config;
        this.clients = clients;
    }

    /** The code for an approved authorization; shown once, in the redirect to the client. */
    @Transactional
    public String issueCode(Caller caller, AuthorizationRequest request) {
        Objects.requireNonNull(caller, "caller");
        RegisteredClient client =
                clients.find(request.clientId())
                        .orElseThrow(
                                () ->
                                        new OAuthException(
                                                OAuthError.INVALID_CLIENT,
                                                "client_id: no such client"));
        if (!client.allowsRedirectUri(request.redirectUri())) {
            throw new OAuthException(
                    OAuthError.INVALID_REQUEST,
                    "redirect_uri: not one of the client's registered redirect URIs");
        }
        if (!Pkce.isChallenge(request.codeChallenge())) {
            throw new OAuthException(
                    OAuthError.INVALID_REQUEST,
                    "code_challenge: must be BASE64URL(SHA-256(code_verifier)), 43 characters");
        }
        if (User.findById(caller.id()) == null) {
            throw new OAuthException(
                    OAuthError.ACCESS_DENIED, "the signed-in user no longer exists");
        }
        String code = CODE_PREFIX + hasher.randomHex(SECRET_BYTES);
        Instant now = Timestamps.now();
        OAuthAuthorizationCode row = new OAuthAuthorizationCode();
        row.codeHash = hasher.hash(code);
        row.clientId = client.clientId();
        row.grantId = Ids.random();
        row.userId = caller.id();
        row.redirectUri = request.redirectUri();
        row.codeChallenge = request.codeChallenge();
        row.resource = request.resource();
        row.scope = Scopes.grant(request.scope());
        row.expiresAt = now.plus(config.codeTtl());
        row.createdAt = now;
        row.persistAndFlush();
        return code;
    }

    /**
     * Exchanges a code for the first access and refresh tokens of its grant. Any failure is {@code
     * invalid_grant} (RFC 6749 §5.2) with a description; the revocations a replayed code triggers
     * are committed even though the call fails.
     */
    @Transactional(dontRollbackOn = OAuthException.class)
    public IssuedTokens exchangeCode(CodeExchange exchange) {
        if (exchange.code() == null || !CODE_SHAPE.matcher(exchange.code()).matches()) {
            throw invalidGrant("code: unknown, expired or already used");
        }
        OAuthAuthorizationCode code =
                OAuthAuthorizationCode.findById(
                        hasher.hash(exchange.code()), LockModeType.PESSIMISTIC_WRITE);
        if (code == null || !code.clientId.equals(exchange.clientId())) {
            throw invalidGrant("code: unknown, expired or already used");
        }
        Instant now = Timestamps.now();
        if (code.usedAt != null) {
            // A code presented twice was intercepted or replayed: whatever it produced is suspect.
            revokeGrant(code.grantId, now);
            throw invalidGrant(
                    "code: already used; the tokens issued for it are revoked, authorize again");
        }
        if (!code.expiresAt.isAfter(now)) {
            throw invalidGrant("code: expired; authorize again");
        }
        if (!code.redirectUri.equals(exchange.redirectUri())) {
            throw invalidGrant("redirect_uri: does not match the one the code was issued for");
        }
        if (exchange.codeVerifier() == null || exchange.codeVerifier().isEmpty()) {
            code.usedAt = now;
            throw invalidGrant("code_verifier: required (PKCE); the code is now used up");
        }
        if (!Pkce.verifies(exchange.codeVerifier(), code.codeChallenge)) {
            // One guess per code: a stolen code cannot be tried against many verifiers.
            code.usedAt = now;
            throw invalidGrant(
                    "code_verifier: does not match the code_challenge; the code is now used up");
        }
        if (exchange.resource() != null && !exchange.resource().equals(code.resource)) {
            code.usedAt = now;
            throw new OAuthException(
                    OAuthError.INVALID_TARGET,
                    "resource: differs from the resource the code was issued for");
        }
        code.usedAt = now;
        clients.markAuthorized(code.clientId, now);
        return issuePair(code.grantId, code.clientId, code.userId, code.resource, code.scope, now);
    }

    /** Rotates a refresh token: a new pair, and the presented token stops working. */
    @Transactional(dontRollbackOn = OAuthException.class)
    public IssuedTokens refresh(RefreshExchange exchange) {
        if (exchange.refreshToken() == null
                || !REFRESH_SHAPE.matcher(exchange.refreshToken()).matches()) {
            throw invalidGrant("refresh_token: unknown, expired or revoked");
        }
        OAuthToken token =
                OAuthToken.find("tokenHash", hasher.hash(exchange.refreshToken()))
                        .withLock(LockModeType.PESSIMISTIC_WRITE)
                        .firstResult();
        if (token == null
                || !OAuthToken.KIND_REFRESH.equals(token.kind)
                || !token.clientId.equals(exchange.clientId())
                || token.revokedAt != null) {
            throw invalidGrant("refresh_token: unknown, expired or revoked");
        }
        Instant now = Timestamps.now();
        if (token.rotatedAt != null) {
            // Only the client and a thief can hold a rotated token; the client has moved on.
            revokeGrant(token.grantId, now);
            throw invalidGrant(
                    "refresh_token: already used; every token of this authorization is revoked,"
                            + " authorize again");
        }
        if (!token.expiresAt.isAfter(now)) {
            throw invalidGrant("refresh_token: expired; authorize again");
        }
        if (exchange.resource() != null && !exchange.resource().equals(token.audience)) {
            throw new OAuthException(
                    OAuthError.INVALID_TARGET,
                    "resource: differs from the resource this authorization is for");
        }
        token.rotatedAt = now;
        return issuePair(
                token.grantId, token.clientId, token.userId, token.audience, token.scope, now);
    }

    /**
     * The live access token a bearer value is, if it was issued for {@code audience}. Malformed,
     * unknown, expired, revoked and other-audience tokens are all simply absent.
     */
    @Transactional
    public Optional<VerifiedAccessToken> verifyAccessToken(String presented, String audience) {
        if (presented == null || !ACCESS_SHAPE.matcher(presented).matches()) {
            return Optional.empty();
        }
        OAuthToken token = OAuthToken.find("tokenHash", hasher.hash(presented)).firstResult();
        if (token == null
                || !OAuthToken.KIND_ACCESS.equals(token.kind)
                || token.revokedAt != null
                || !token.expiresAt.isAfter(Timestamps.now())
                || !token.audience.equals(audience)) {
            return Optional.empty();
        }
        return Optional.of(
                new VerifiedAccessToken(
                        token.id,
                        token.grantId,
                        Caller.of(token.userId),
                        token.clientId,
                        token.scope,
                        token.expiresAt));
    }

    /**
     * RFC 7009: revokes the authorization an access or refresh token belongs to (all of its
     * tokens). An unknown or malformed token is not an error (§2.2); a token of another client is.
     */
    @Transactional
    public void revoke(String clientId, String presented) {
        if (presented == null
                || !(ACCESS_SHAPE.matcher(presented).matches()
                        || REFRESH_SHAPE.matcher(presented).matches())) {
            return;
        }
        OAuthToken token = OAuthToken.find("tokenHash", hasher.hash(presented)).firstResult();
        if (token == null) {
            return;
        }
        if (!token.clientId.equals(clientId)) {
            throw new OAuthException(
                    OAuthError.UNAUTHORIZED_CLIENT,
                    "token: was not issued to this client_id; only its own client can revoke it");
        }
        revokeGrant(token.grantId, Timestamps.now());
    }

    /** Every token of a grant stops working; returns how many were live. */
    int revokeGrant(UUID grantId, Instant now) {
        return OAuthToken.update(
                "revokedAt = :now where grantId = :grant and revokedAt is null",
                Parameters.with("now", now).and("grant", grantId));
    }

    private IssuedTokens issuePair(
            UUID grantId,
            String clientId,
            String userId,
            String audience,
            String scope,
            Instant now) {
        String access = ACCESS_TOKEN_PREFIX + hasher.randomHex(SECRET_BYTES);
        String refresh = REFRESH_TOKEN_PREFIX + hasher.randomHex(SECRET_BYTES);
        OAuthToken accessRow =
                token(access, OAuthToken.KIND_ACCESS, grantId, clientId, userId, audience, scope);
        accessRow.createdAt = now;
        accessRow.expiresAt = now.plus(config.accessTokenTtl());
        accessRow.persist();
        OAuthToken refreshRow =
                token(refresh, OAuthToken.KIND_REFRESH, grantId, clientId, userId, audience, scope);
        refreshRow.createdAt = now;
        refreshRow.expiresAt = now.plus(config.refreshTokenTtl());
        refreshRow.persist();
        return new IssuedTokens(access, accessRow.expiresAt, refresh, scope, audience);
    }

    private OAuthToken token(
            String secret,
            String kind,
            UUID grantId,
            String clientId,
            String userId,
            String audience,
            String scope) {
        OAuthToken row = new OAuthToken();
        row.id = Ids.random();
        row.tokenHash = hasher.hash(secret);
        row.kind = kind;
        row.grantId = grantId;
        row.clientId = clientId;
        row.userId = userId;
        row.audience = audience;
        row.scope = scope;
        return row;
    }

    private static OAuthException invalidGrant(String description) {
        return new OAuthException(OAuthError.INVALID_GRANT, description);
    }
}
