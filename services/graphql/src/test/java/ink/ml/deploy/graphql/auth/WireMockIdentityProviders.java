package ink.ml.deploy.graphql.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.lang.JoseException;

/**
 * One WireMock server standing in for GitHub (OAuth authorize/token, REST API under {@code /api})
 * and for Firebase's JWKS (a key generated at start; tests sign ID tokens with it). Tests stub what
 * each GitHub case needs, with values unique to the test.
 */
public class WireMockIdentityProviders implements QuarkusTestResourceLifecycleManager {
    public static final String CLIENT_ID = "Iv1.testclient";
    public static final String CLIENT_SECRET = "test-client-secret";
    public static final String CALLBACK_URL = "https://app.example.test/auth/github/callback";
    public static final String FIREBASE_PROJECT = "mcpdeploy-test";
    public static final String JWKS_PATH = "/firebase/jwks";

    private WireMockServer server;

    /** Firebase's signing key, made here: its public half is the JWKS WireMock serves. */
    private RsaJsonWebKey firebaseKey;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        serveFirebaseJwks();
        String base = server.baseUrl();
        Map<String, String> config = new HashMap<>();
        config.put("mcpdeploy.github.oauth.client-id", CLIENT_ID);
        config.put("mcpdeploy.github.oauth.client-secret", CLIENT_SECRET);
        config.put("mcpdeploy.github.oauth.callback-url", CALLBACK_URL);
        config.put("mcpdeploy.github.oauth.authorize-url", base + "/login/oauth/authorize");
        config.put("mcpdeploy.github.oauth.token-url", base + "/login/oauth/access_token");
        config.put("mcpdeploy.github.oauth.api-url", base + "/api");
        config.put("mcpdeploy.firebase.project-id", FIREBASE_PROJECT);
        config.put("mcpdeploy.firebase.jwks-url", base + JWKS_PATH);
        return config;
    }

    /** As Google serves it: a JWKS of RS256 public keys with a kid each, cacheable. */
    private void serveFirebaseJwks() {
        try {
            firebaseKey = RsaJwkGenerator.generateJwk(2048);
            firebaseKey.setKeyId(UUID.randomUUID().toString().replace("-", ""));
            firebaseKey.setAlgorithm("RS256");
            firebaseKey.setUse("sig");
            String jwks =
                    new JsonWebKeySet(firebaseKey)
                            .toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
            server.stubFor(
                    get(urlPathEqualTo(JWKS_PATH))
                            .willReturn(
                                    aResponse()
                                            .withStatus(200)
                                            .withHeader("Content-Type", "application/json")
                                            .withHeader(
                                                    "Cache-Control",
                                                    "public, max-age=19800, must-revalidate")
                                            .withBody(jwks)));
        } catch (JoseException e) {
            throw new IllegalStateException("could not make the Firebase test key", e);
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(
                server,
                new TestInjector.AnnotatedAndMatchesType(
                        InjectWireMock.class, WireMockServer.class));
        // As JSON (a JDK type): the test and this resource may see jose4j through different
        // class loaders.
        testInjector.injectIntoFields(
                firebaseKey.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE),
                new TestInjector.AnnotatedAndMatchesType(InjectFirebaseKey.class, String.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
