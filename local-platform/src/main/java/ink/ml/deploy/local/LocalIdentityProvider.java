package ink.ml.deploy.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Stands in for Firebase Authentication so people sign in without a Firebase project or GitHub: a
 * fresh RSA key pair per run, its public half served as a JWKS on 127.0.0.1 (graphql's {@code
 * mcpdeploy.firebase.jwks-url}), and ID tokens minted in Firebase's shape (RS256, {@code kid},
 * issuer {@code https://securetoken.google.com/<project>}, audience the project, {@code sub},
 * {@code iat}, {@code exp}, {@code auth_time}, {@code email}/{@code email_verified}, {@code name}),
 * which graphql verifies exactly as it verifies Firebase's.
 *
 * <p>The private key never leaves this process; a token is accepted only by a graphql configured
 * with this provider's project id and JWKS URL.
 */
public final class LocalIdentityProvider implements AutoCloseable {
    /** The Firebase project id the local platform's graphql accepts tokens for. */
    public static final String PROJECT_ID = "mcpdeploy-local";

    static final String ISSUER_PREFIX = "https://securetoken.google.com/";
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeyPair keys;
    private final String keyId;
    private final String projectId;
    private final Clock clock;
    private final HttpServer server;

    private LocalIdentityProvider(
            KeyPair keys, String keyId, String projectId, Clock clock, HttpServer server) {
        this.keys = keys;
        this.keyId = keyId;
        this.projectId = projectId;
        this.clock = clock;
        this.server = server;
    }

    /** A new key pair and its JWKS served on a free 127.0.0.1 port. */
    public static LocalIdentityProvider start() {
        return start(PROJECT_ID, Clock.systemUTC());
    }

    static LocalIdentityProvider start(String projectId, Clock clock) {
        KeyPair keys;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make RSA keys", e);
        }
        String keyId = UUID.randomUUID().toString();
        byte[] jwks = jwks((RSAPublicKey) keys.getPublic(), keyId);
        HttpServer server;
        try {
            server =
                    HttpServer.create(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the local JWKS", e);
        }
        server.createContext(
                "/jwks",
                exchange -> {
                    try (exchange) {
                        if (!"GET".equals(exchange.getRequestMethod())) {
                            exchange.sendResponseHeaders(405, -1);
                            return;
                        }
                        exchange.getResponseHeaders().set("Content-Type", "application/json");
                        exchange.getResponseHeaders().set("Cache-Control", "max-age=3600");
                        exchange.sendResponseHeaders(200, jwks.length);
                        try (OutputStream body = exchange.getResponseBody()) {
                            body.write(jwks);
                        }
                    }
                });
        server.start();
        return new LocalIdentityProvider(keys, keyId, projectId, clock, server);
    }

    public String projectId() {
        return projectId;
    }

    /** {@code http://127.0.0.1:<port>/jwks}. */
    public URI jwksUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
    }

    /**
     * A Firebase-shaped ID token for this user, valid for an hour.
     *
     * @param uid the Firebase uid (1–128 characters); graphql registers a user on its first sight
     * @param email shown as verified
     * @param displayName the {@code name} claim
     */
    public String mint(String uid, String email, String displayName) {
        if (uid == null || uid.isEmpty() || uid.length() > 128) {
            throw new IllegalArgumentException("uid: must be 1 to 128 characters");
        }
        if (email == null || !email.contains("@")) {
            throw new IllegalArgumentException("email: \"" + email + "\" is not an email address");
        }
        if (displayName == null || displayName.isBlank()) {
            throw new IllegalArgumentException("displayName: must not be blank");
        }
        long now = clock.instant().getEpochSecond();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("kid", keyId);
        header.put("typ", "JWT");
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER_PREFIX + projectId);
        claims.put("aud", projectId);
        claims.put("auth_time", now);
        claims.put("user_id", uid);
        claims.put("sub", uid);
        claims.put("iat", now);
        claims.put("exp", now + TOKEN_LIFETIME.toSeconds());
        claims.put("email", email);
        claims.put("email_verified", true);
        claims.put("name", displayName);
        claims.put(
                "firebase",
                Map.of(
                        "identities",
                        Map.of("email", List.of(email)),
                        "sign_in_provider",
                        "password"));
        String signingInput = base64Url(json(header)) + "." + base64Url(json(claims));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign an ID token", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static byte[] jwks(RSAPublicKey key, String keyId) {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("alg", "RS256");
        jwk.put("use", "sig");
        jwk.put("kid", keyId);
        jwk.put("n", base64Url(unsigned(key.getModulus())));
        jwk.put("e", base64Url(unsigned(key.getPublicExponent())));
        return json(Map.of("keys", List.of(jwk)));
    }

    /** JWK numbers are unsigned big-endian: drop the sign byte BigInteger adds. */
    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            byte[] trimmed = new byte[bytes.length - 1];
            System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
            return trimmed;
        }
        return bytes;
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
