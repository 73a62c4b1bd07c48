package ink.ml.deploy.graphql.auth;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * One WireMock server standing in for GitHub (OAuth authorize/token, REST API under {@code /api})
 * and for Firebase's JWKS. Tests stub what each case needs, with values unique to the test.
 */
public class WireMockIdentityProviders implements QuarkusTestResourceLifecycleManager {
    public static final String CLIENT_ID = "Iv1.testclient";
    public static final String CLIENT_SECRET = "test-client-secret";
    public static final String CALLBACK_URL = "https://app.example.test/auth/github/callback";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        String base = server.baseUrl();
        return Map.of(
                "mcpdeploy.github.oauth.client-id",
                CLIENT_ID,
                "mcpdeploy.github.oauth.client-secret",
                CLIENT_SECRET,
                "mcpdeploy.github.oauth.callback-url",
                CALLBACK_URL,
                "mcpdeploy.github.oauth.authorize-url",
                base + "/login/oauth/authorize",
                "mcpdeploy.github.oauth.token-url",
                base + "/login/oauth/access_token",
                "mcpdeploy.github.oauth.api-url",
                base + "/api");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(
                server,
                new TestInjector.AnnotatedAndMatchesType(
                        InjectWireMock.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
