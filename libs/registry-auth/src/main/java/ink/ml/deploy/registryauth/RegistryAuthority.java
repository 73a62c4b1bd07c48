package ink.ml.deploy.registryauth;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The registry's token authority (Docker Registry v2 token authentication): it signs per-namespace
 * credentials for builds and workloads, and exchanges a credential for a short-lived bearer token
 * that allows only what the credential's grant allows. The registry verifies tokens with this key's
 * certificate and refuses every request without one, so nothing is anonymous and no token ever
 * lists the catalog or reaches another project's images.
 *
 * <p>Credentials and tokens are both signed by the same key but cannot stand in for each other:
 * they carry different audiences, and only tokens carry an {@code access} claim.
 */
public final class RegistryAuthority {
    static final String CREDENTIAL_AUDIENCE = "mcpdeploy-registry-credential";

    /** Clocks of the registry and this side may differ by this much. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    static final int MAX_SCOPES = 16;

    private final RegistrySigningKey key;
    private final RegistryAuthSettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public RegistryAuthority(RegistrySigningKey key, RegistryAuthSettings settings, Clock clock) {
        this.key = Objects.requireNonNull(key, "key");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public RegistryAuthSettings settings() {
        return settings;
    }

    /** A credential for {@code role} in {@code namespace}, valid for {@code lifetime}. */
    public RegistryCredential credential(String namespace, RegistryRole role, Duration lifetime) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        RegistryGrant grant = new RegistryGrant(namespace, role, now.plus(lifetime));
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", settings.issuer());
        claims.put("aud", CREDENTIAL_AUDIENCE);
        claims.put("sub", grant.namespace());
        claims.put("role", grant.role().name().toLowerCase(Locale.ROOT));
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", grant.expiresAt().getEpochSecond());
        claims.put("jti", nonce());
        return new RegistryCredential(
                namespace, CompactJws.sign(header(), claims, key.privateKey()));
    }

    /**
     * The grant of a credential.
     *
     * @throws RegistryAuthException when the password is not a credential this authority signed for
     *     that user name, or it has expired
     */
    public RegistryGrant verify(String username, String password) {
        JsonNode claims = CompactJws.verifiedClaims(password, key.publicKey());
        if (!settings.issuer().equals(claims.path("iss").asText())
                || !CREDENTIAL_AUDIENCE.equals(claims.path("aud").asText())) {
            throw new RegistryAuthException("the credential is not one this platform signed");
        }
        String namespace = claims.path("sub").asText();
        if (!namespace.equals(username)) {
            throw new RegistryAuthException("the credential belongs to another user name");
        }
        Instant expiresAt = Instant.ofEpochSecond(claims.path("exp").asLong(0));
        if (!clock.instant().isBefore(expiresAt)) {
            throw new RegistryAuthException("the credential has expired");
        }
        RegistryRole role;
        try {
            role = RegistryRole.valueOf(claims.path("role").asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RegistryAuthException("the credential's role is unknown");
        }
        return new RegistryGrant(namespace, role, expiresAt);
    }

    /**
     * A bearer token for what {@code grant} allows of {@code requested}; it expires with the grant
     * at the latest.
     */
    public IssuedToken token(RegistryGrant grant, List<RegistryScope> requested) {
        if (requested.size() > MAX_SCOPES) {
            throw new RegistryAuthException("at most " + MAX_SCOPES + " scopes in one request");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(settings.tokenLifetime());
        if (grant.expiresAt().isBefore(expiresAt)) {
            expiresAt = grant.expiresAt();
        }
        List<RegistryScope> access = grant.allowed(requested, settings.baseNamespace());
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", settings.issuer());
        claims.put("sub", grant.namespace());
        claims.put("aud", settings.service());
        claims.put("iat", now.getEpochSecond());
        claims.put("nbf", now.minus(CLOCK_SKEW).getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        claims.put("jti", nonce());
        claims.put("access", access.stream().map(RegistryAuthority::accessEntry).toList());
        return new IssuedToken(
                CompactJws.sign(header(), claims, key.privateKey()),
                Duration.between(now, expiresAt),
                now,
                access);
    }

    /**
     * The token realm's answer to {@code GET ?service=…&scope=…} with HTTP Basic credentials.
     *
     * @param authorization the request's {@code Authorization} header, or null
     * @throws RegistryAuthException when the credentials are missing or refused, or the request
     *     names another service or malformed scopes
     */
    public IssuedToken exchange(String authorization, String service, List<String> scopes) {
        if (service != null && !service.equals(settings.service())) {
            throw new RegistryAuthException("this realm issues tokens for " + settings.service());
        }
        String[] userAndPassword = basicCredentials(authorization);
        RegistryGrant grant = verify(userAndPassword[0], userAndPassword[1]);
        return token(grant, scopes.stream().map(RegistryScope::parse).toList());
    }

    private static String[] basicCredentials(String authorization) {
        if (authorization == null
                || !authorization.regionMatches(true, 0, "Basic ", 0, 6)
                || authorization.length() > CompactJws.MAX_LENGTH) {
            throw new RegistryAuthException("credentials are required (HTTP Basic)");
        }
        String decoded;
        try {
            decoded =
                    new String(
                            Base64.getDecoder().decode(authorization.substring(6).trim()),
                            StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new RegistryAuthException("the Basic credentials are not base64");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw new RegistryAuthException("the Basic credentials need a user name and password");
        }
        return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    /** In the order the token specification writes them: type, name, actions. */
    private static Map<String, Object> accessEntry(RegistryScope scope) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", scope.type());
        entry.put("name", scope.name());
        entry.put("actions", List.copyOf(scope.actions()));
        return entry;
    }

    private Map<String, Object> header() {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("typ", "JWT");
        header.put("alg", "RS256");
        header.put("x5c", List.of(key.x5c()));
        return header;
    }

    private String nonce() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
