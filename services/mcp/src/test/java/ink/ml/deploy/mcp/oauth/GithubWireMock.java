package ink.ml.deploy.mcp.oauth;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * One WireMock server standing in for GitHub's OAuth pages and REST API for every test of the
 * module (a shared resource, so Quarkus does not restart between test classes). Tests stub what
 * each case needs with values unique to the test.
 */
@QuarkusTestResource(value = GithubWireMock.class, restrictToAnnotatedClass = false)
public class GithubWireMock implements QuarkusTestResourceLifecycleManager {
    public static final String CLIENT_ID = "Iv1.mcptestclient";
    public static final String CLIENT_SECRET = "mcp-test-client-secret";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        String base = server.baseUrl();
        return Map.of(
                "mcpdeploy.mcp.github.client-id", CLIENT_ID,
                "mcpdeploy.mcp.github.client-secret", CLIENT_SECRET,
                "mcpdeploy.mcp.github.authorize-url", base + "/login/oauth/authorize",
                "mcpdeploy.mcp.github.token-url", base + "/login/oauth/access_token",
                "mcpdeploy.mcp.github.api-url", base + "/api");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(
                server,
                new TestInjector.AnnotatedAndMatchesType(InjectGithub.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
