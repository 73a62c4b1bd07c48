package ink.ml.deploy.deployer.worker.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a local HTTP server that plays GitHub's token endpoint and checks the App's JWT. */
class GithubAppInstallationTokensTest {
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private KeyPair appKey;
    private HttpServer github;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 201;

    @BeforeEach
    void startGithub() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        appKey = generator.generateKeyPair();
        github = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        github.createContext(
                "/app/installations/",
                exchange -> {
                    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                    boolean valid =
                            exchange.getRequestMethod().equals("POST")
                                    && authorization != null
                                    && verifies(authorization.substring("Bearer ".length()));
                    requests.add(exchange.getRequestURI().getPath());
                    byte[] body =
                            ("{\"token\":\"ghs_secret"
                                            + requests.size()
                                            + "\",\"expires_at\":\"2026-11-27T11:00:00Z\"}")
                                    .getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(valid ? status : 401, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        github.start();
    }

    @AfterEach
    void stopGithub() {
        github.stop(0);
    }

    @Test
    void asksGithubForAnInstallationTokenWithASignedAppJwt() {
        String token = tokens(pkcs1Pem()).tokenFor(42);

        assertThat(token).isEqualTo("ghs_secret1");
        assertThat(requests).containsExactly("/app/installations/42/access_tokens");
    }

    @Test
    void reusesATokenUntilShortlyBeforeItExpires() {
        GithubAppInstallationTokens tokens = tokens(pkcs8Pem());

        tokens.tokenFor(42);
        String again = tokens.tokenFor(42);

        assertThat(again).isEqualTo("ghs_secret1");
        assertThat(requests).hasSize(1);
    }

    @Test
    void goneInstallationIsAPermanentFailure() {
        status = 404;

        assertThatThrownBy(() -> tokens(pkcs1Pem()).tokenFor(42))
                .isInstanceOfSatisfying(
                        GithubTokenException.class,
                        e -> {
                            assertThat(e.permanent()).isTrue();
                            assertThat(e.getMessage()).contains("404").doesNotContain("ghs_");
                        });
    }

    @Test
    void unconfiguredAppIsAPermanentFailureThatSaysWhatIsMissing() {
        GithubAppInstallationTokens tokens =
                new GithubAppInstallationTokens(
                        Optional.empty(),
                        Optional.empty(),
                        URI.create("http://127.0.0.1:1"),
                        HttpClient.newHttpClient(),
                        Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> tokens.tokenFor(42))
                .isInstanceOfSatisfying(
                        GithubTokenException.class,
                        e -> {
                            assertThat(e.permanent()).isTrue();
                            assertThat(e.getMessage()).contains("app-id");
                        });
    }

    private GithubAppInstallationTokens tokens(String pem) {
        return new GithubAppInstallationTokens(
                Optional.of("1234"),
                Optional.of(pem),
                URI.create("http://127.0.0.1:" + github.getAddress().getPort()),
                HttpClient.newHttpClient(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private boolean verifies(String jwt) {
        try {
            String[] parts = jwt.split("\\.");
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(appKey.getPublic());
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return signature.verify(Base64.getUrlDecoder().decode(parts[2]))
                    && claims.path("iss").asText().equals("1234")
                    && claims.path("iat").asLong() < NOW.getEpochSecond()
                    && claims.path("exp").asLong() <= NOW.getEpochSecond() + 600;
        } catch (IOException | java.security.GeneralSecurityException e) {
            return false;
        }
    }

    private String pkcs8Pem() {
        return pem("PRIVATE KEY", appKey.getPrivate().getEncoded());
    }

    /** GitHub's format: the PKCS#1 key that PKCS#8 wraps (after a fixed 26-byte header). */
    private String pkcs1Pem() {
        byte[] pkcs8 = appKey.getPrivate().getEncoded();
        return pem("RSA PRIVATE KEY", Arrays.copyOfRange(pkcs8, 26, pkcs8.length));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN "
                + type
                + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END "
                + type
                + "-----\n";
    }
}
